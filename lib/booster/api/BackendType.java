package booster.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Backend engine types. Only vLLM and vLLMDisaggregated are translatable; the others are legacy
 * enum values.
 */
public enum BackendType {
  VLLM("vLLM"),
  VLLM_DISAGGREGATED("vLLMDisaggregated"),
  SGLANG("SGLang"),
  MINDIE("MindIE"),
  MINDIE_DISAGGREGATED("MindIEDisaggregated");

  private final String value;

  BackendType(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  public boolean translatable() {
    return this == VLLM || this == VLLM_DISAGGREGATED;
  }

  @JsonCreator
  public static BackendType of(String text) {
    for (BackendType t : values()) {
      if (t.value.equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unsupported backend type \"" + text + "\" (supported: vLLM, vLLMDisaggregated)");
  }

  @Override
  public String toString() {
    return value;
  }
}

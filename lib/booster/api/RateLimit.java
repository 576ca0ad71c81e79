package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Min;

/**
 * A token budget, copied into a ModelRoute's {@code spec.rateLimit} (the same fields and bounds as
 * the ModelRoute CRD of Kthena v0.4 and v1.0). {@code unit} defaults to second, written into the
 * child by the translator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"inputTokensPerUnit", "outputTokensPerUnit", "unit", "global"})
public class RateLimit {
  @Min(1)
  private Integer inputTokensPerUnit;

  @Min(1)
  private Integer outputTokensPerUnit;

  private RateLimitUnit unit;
  private GlobalRateLimit global;

  public Integer getInputTokensPerUnit() {
    return inputTokensPerUnit;
  }

  public void setInputTokensPerUnit(Integer value) {
    this.inputTokensPerUnit = value;
  }

  public Integer getOutputTokensPerUnit() {
    return outputTokensPerUnit;
  }

  public void setOutputTokensPerUnit(Integer value) {
    this.outputTokensPerUnit = value;
  }

  public RateLimitUnit getUnit() {
    return unit;
  }

  public void setUnit(RateLimitUnit unit) {
    this.unit = unit;
  }

  public GlobalRateLimit getGlobal() {
    return global;
  }

  public void setGlobal(GlobalRateLimit global) {
    this.global = global;
  }
}

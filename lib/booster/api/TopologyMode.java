package booster.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a network topology constraint must hold ({@code hard}) or is only preferred ({@code
 * soft}).
 */
public enum TopologyMode {
  HARD("hard"),
  SOFT("soft");

  private final String value;

  TopologyMode(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static TopologyMode of(String text) {
    for (TopologyMode mode : values()) {
      if (mode.value.equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unsupported network topology mode \"" + text + "\" (supported: hard, soft)");
  }

  @Override
  public String toString() {
    return value;
  }
}

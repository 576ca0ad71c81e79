package booster.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The time unit of a ModelRoute token budget, as the ModelRoute CRD spells it. */
public enum RateLimitUnit {
  SECOND("second"),
  MINUTE("minute"),
  HOUR("hour"),
  DAY("day"),
  MONTH("month");

  private final String value;

  RateLimitUnit(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static RateLimitUnit of(String text) {
    for (RateLimitUnit unit : values()) {
      if (unit.value.equals(text)) {
        return unit;
      }
    }
    throw new IllegalArgumentException(
        "unsupported rate limit unit \""
            + text
            + "\" (supported: second, minute, hour, day, month)");
  }

  @Override
  public String toString() {
    return value;
  }
}

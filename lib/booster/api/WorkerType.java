package booster.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Worker roles. {@code controller} and {@code coordinator} exist for MindIE and are never translated. */
public enum WorkerType {
  SERVER("server"),
  PREFILL("prefill"),
  DECODE("decode"),
  CONTROLLER("controller"),
  COORDINATOR("coordinator");

  private final String value;

  WorkerType(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static WorkerType of(String text) {
    for (WorkerType t : values()) {
      if (t.value.equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unsupported worker type \"" + text + "\" (supported: server, prefill, decode, controller, coordinator)");
  }

  @Override
  public String toString() {
    return value;
  }
}

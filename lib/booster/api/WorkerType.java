package booster.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Worker roles. {@code controller} and {@code coordinator} exist for MindIE and are never
 * translated.
 */
public enum WorkerType {
  SERVER("server"),
  PREFILL("prefill"),
  DECODE("decode"),
  CONTROLLER("controller"),
  COORDINATOR("coordinator");

  /**
   * The ModelServing role of a vLLM server worker, whose entry pod leads the Ray cluster and serves
   * metrics.
   */
  public static final String LEADER_ROLE = "leader";

  private final String value;

  WorkerType(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  /**
   * The ModelServing role a worker of this type becomes: {@link #LEADER_ROLE} for a server, else
   * its type.
   */
  public String role() {
    return this == SERVER ? LEADER_ROLE : value;
  }

  @JsonCreator
  public static WorkerType of(String text) {
    for (WorkerType t : values()) {
      if (t.value.equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unsupported worker type \""
            + text
            + "\" (supported: server, prefill, decode, controller, coordinator)");
  }

  @Override
  public String toString() {
    return value;
  }
}

package booster.cluster;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The booster's conditions (docs/design.md §4.1) and their update rule: matched by type, {@code
 * lastTransitionTime} moves only when the status flips, reason and message are always current.
 * Upstream's reason names are kept where they exist; the precise ones are ours.
 */
public final class Conditions {
  public static final String INITIALIZED = "Initialized";
  public static final String ACTIVE = "Active";
  public static final String FAILED = "Failed";

  public static final String MODEL_CREATING = "ModelCreating";
  public static final String MODEL_PROCESSING = "ModelProcessing";
  public static final String MODEL_AVAILABLE = "ModelAvailable";
  public static final String MODEL_ABNORMAL = "ModelAbnormal";
  public static final String RESOURCE_EXISTS = "ResourceExists";
  public static final String IMMUTABLE_FIELD = "ImmutableField";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String RECONCILED = "Reconciled";
  public static final String AUTOSCALING_UNAVAILABLE = "AutoscalingUnavailable";

  /** One condition as a pass wants it. */
  public record Wanted(String type, boolean status, String reason, String message) {}

  private Conditions() {}

  /**
   * The new status: the current one (fields others own are kept) with our conditions and
   * observedGeneration. A {@code Failed} condition is only written when True, or to clear one that
   * exists.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> status(
      Map<String, Object> current, List<Wanted> wanted, long generation, Clock clock) {
    Map<String, Object> status = new LinkedHashMap<>(current == null ? Map.of() : current);
    List<Map<String, Object>> existing = new ArrayList<>();
    if (status.get("conditions") instanceof List<?> list) {
      list.forEach(c -> existing.add((Map<String, Object>) c));
    }
    List<Map<String, Object>> conditions = new ArrayList<>();
    for (Wanted w : wanted) {
      Map<String, Object> old = find(existing, w.type());
      if (w.type().equals(FAILED) && !w.status() && old == null) {
        continue;
      }
      String value = w.status() ? "True" : "False";
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("type", w.type());
      c.put("status", value);
      c.put(
          "lastTransitionTime",
          old != null && value.equals(old.get("status")) && old.get("lastTransitionTime") != null
              ? old.get("lastTransitionTime")
              : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
      c.put("reason", w.reason());
      c.put("message", w.message());
      conditions.add(c);
    }
    for (Map<String, Object> c : existing) {
      if (wanted.stream().noneMatch(w -> w.type().equals(c.get("type")))) {
        conditions.add(c);
      }
    }
    status.put("observedGeneration", generation);
    status.put("conditions", conditions);
    return status;
  }

  /** The condition of that type in a status tree's list of conditions, or null. */
  public static Map<String, Object> find(Object conditions, String type) {
    return Trees.element(conditions, "type", type);
  }
}

package booster.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** Reading status fields of untyped objects (children, and boosters of any shape). */
final class StatusFields {
  private StatusFields() {}

  /** The condition of that type in {@code status.conditions}, or null. */
  static Map<String, Object> condition(GenericKubernetesResource object, String type) {
    for (Map<String, Object> condition : conditions(object)) {
      if (type.equals(condition.get("type"))) {
        return condition;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> conditions(GenericKubernetesResource object) {
    Object list = object.get("status", "conditions");
    return list instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  /** The booster's status describes its current generation. */
  static boolean reconciled(GenericKubernetesResource booster) {
    Long generation = booster.getMetadata().getGeneration();
    return generation == null
        || number(booster.get("status", "observedGeneration"), -1) >= generation;
  }

  static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  static long number(Object value, long fallback) {
    return value instanceof Number n ? n.longValue() : fallback;
  }
}

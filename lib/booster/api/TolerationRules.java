package booster.api;

import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/**
 * A worker's {@code tolerations}, checked as the API server checks them on a pod: otherwise a bad
 * toleration would only surface when the ModelServing controller fails to create the pods.
 */
final class TolerationRules {
  private static final String EXISTS = "Exists";
  private static final String EQUAL = "Equal";
  private static final String NO_EXECUTE = "NoExecute";
  private static final List<String> OPERATORS = List.of(EQUAL, EXISTS);
  private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", NO_EXECUTE);

  private TolerationRules() {}

  static void tolerations(List<Toleration> tolerations, FieldPath path, FieldErrors errors) {
    if (tolerations == null) {
      return;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      if (tolerations.get(i) == null) {
        errors.required(path.index(i), "");
      } else {
        toleration(tolerations.get(i), path.index(i), errors);
      }
    }
  }

  private static void toleration(Toleration t, FieldPath path, FieldErrors errors) {
    String key = t.getKey() == null ? "" : t.getKey();
    String operator =
        t.getOperator() == null || t.getOperator().isEmpty() ? EQUAL : t.getOperator();
    String value = t.getValue() == null ? "" : t.getValue();
    String effect = t.getEffect() == null ? "" : t.getEffect();
    if (!key.isEmpty()) {
      qualifiedName(key, path.child("key"), errors);
    } else if (!operator.equals(EXISTS)) {
      errors.invalid(
          path.child("operator"),
          operator,
          "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
    }
    if (!OPERATORS.contains(operator)) {
      errors.unsupported(path.child("operator"), operator, OPERATORS);
    } else if (operator.equals(EXISTS) && !value.isEmpty()) {
      errors.invalid(path.child("value"), value, "value must be empty when `operator` is 'Exists'");
    } else if (operator.equals(EQUAL) && !labelValue(value)) {
      errors.invalid(
          path.child("value"),
          value,
          "must be 63 characters or less, empty or alphanumeric with '-', "
              + "'_' or '.' inside (a label value)");
    }
    if (!effect.isEmpty() && !EFFECTS.contains(effect)) {
      errors.unsupported(path.child("effect"), effect, EFFECTS);
    }
    if (t.getTolerationSeconds() != null && !effect.equals(NO_EXECUTE)) {
      errors.invalid(
          path.child("tolerationSeconds"),
          t.getTolerationSeconds(),
          "only allowed with effect NoExecute (it bounds how long a pod stays after a NoExecute taint)");
    }
  }

  /**
   * A label-key style name: an optional DNS subdomain prefix and "/", then up to 63 name
   * characters.
   */
  private static void qualifiedName(String key, FieldPath path, FieldErrors errors) {
    if (!NameRules.qualifiedName(key)) {
      errors.invalid(
          path,
          key,
          "must be a qualified name such as example.com/gpu or dedicated: an optional DNS "
              + "subdomain and '/', then at most 63 alphanumeric characters, '-', '_' or '.'");
    }
  }

  private static boolean labelValue(String value) {
    return value.isEmpty()
        || (value.length() <= Patterns.MAX_LABEL_VALUE && value.matches(Patterns.LABEL_NAME));
  }
}

package booster.translate;

import booster.api.GoDuration;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of Kthena v1.0's AutoscalingPolicy validating webhook, written out in Java so tests can
 * hold our v1.0 policies (a plain spec tree) to them: exactly one target; target references of kind
 * ModelServing (or empty) with a name; at least one metric for homogeneous and heterogeneous
 * targets; positive finite target values and unique metric names; per disaggregated role min <=
 * max, and a role that can scale needs metrics and metric sources keyed by exactly those metrics;
 * ratio constraints between existing, different roles that can be met; behaviour periods and
 * windows within 0 to 30 minutes. Each problem names its field path.
 */
final class PolicyWebhook {
  private static final Duration MAX_PERIOD = Duration.ofMinutes(30);
  private static final List<String> TARGETS =
      List.of("homogeneousTarget", "heterogeneousTarget", "disaggregatedTarget");

  private PolicyWebhook() {}

  static List<String> problems(Map<String, Object> spec) {
    List<String> out = new ArrayList<>();
    metrics(list(spec.get("metrics")), "spec.metrics", out);
    long targets = TARGETS.stream().filter(spec::containsKey).count();
    if (targets != 1) {
      out.add(
          "spec: exactly one of homogeneousTarget, heterogeneousTarget, or disaggregatedTarget must be set");
      return out;
    }
    if (spec.containsKey("homogeneousTarget")) {
      targetRef(
          map(map(map(spec.get("homogeneousTarget")).get("target")).get("targetRef")),
          "spec.homogeneousTarget.target.targetRef",
          out);
    } else if (spec.containsKey("heterogeneousTarget")) {
      List<Map<String, Object>> params = list(map(spec.get("heterogeneousTarget")).get("params"));
      for (int i = 0; i < params.size(); i++) {
        targetRef(
            map(map(params.get(i).get("target")).get("targetRef")),
            "spec.heterogeneousTarget.params[" + i + "].target.targetRef",
            out);
      }
    }
    if (!spec.containsKey("disaggregatedTarget") && list(spec.get("metrics")).isEmpty()) {
      out.add("spec.metrics: at least one metric must be set");
    }
    if (spec.containsKey("disaggregatedTarget")) {
      disaggregated(
          map(spec.get("disaggregatedTarget")), metricNames(list(spec.get("metrics"))), out);
    }
    behavior(map(spec.get("behavior")), out);
    return out;
  }

  private static void metrics(List<Map<String, Object>> metrics, String path, List<String> out) {
    Set<Object> names = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      Map<String, Object> metric = metrics.get(i);
      double value = number(metric.get("targetValue"));
      if (!(value > 0) || Double.isInfinite(value)) {
        out.add(
            path
                + "["
                + i
                + "].targetValue: metric target value must be greater than 0 and not equal to infinity");
      }
      if (!names.add(metric.get("name"))) {
        out.add(
            path
                + "["
                + i
                + "].name: duplicate metric name "
                + metric.get("name")
                + " is not allowed");
      }
    }
  }

  private static void targetRef(Map<String, Object> ref, String path, List<String> out) {
    Object kind = ref.getOrDefault("kind", "");
    if (!"".equals(kind) && !ChildKind.MODEL_SERVING.kind().equals(kind)) {
      out.add(path + ".kind: targetRef.kind must be ModelServing, but got " + kind);
    }
    if ("".equals(ref.getOrDefault("name", ""))) {
      out.add(path + ".name: targetRef.name must be set, but got empty");
    }
  }

  private static void disaggregated(
      Map<String, Object> target, Set<Object> specMetrics, List<String> out) {
    String path = "spec.disaggregatedTarget";
    targetRef(map(target.get("targetRef")), path + ".targetRef", out);
    Map<String, Object> roles = map(target.get("roles"));
    for (Map.Entry<String, Object> e : roles.entrySet()) {
      String rolePath = path + ".roles[" + e.getKey() + "]";
      Map<String, Object> role = map(e.getValue());
      long min = integer(role.get("minReplicas"));
      long max = integer(role.get("maxReplicas"));
      boolean fixed = max > 0 && min == max;
      if (e.getKey().isEmpty()) {
        out.add(path + ".roles: role name must not be empty");
      }
      if (min > max) {
        out.add(rolePath + ".minReplicas: minReplicas must be <= maxReplicas");
      }
      List<Map<String, Object>> roleMetrics = list(role.get("metrics"));
      if (!fixed && roleMetrics.isEmpty() && specMetrics.isEmpty()) {
        out.add(
            rolePath
                + ".metrics: metrics must be set on every non-fixed role when spec.metrics is empty");
      }
      metrics(roleMetrics, rolePath + ".metrics", out);
      Set<Object> effective =
          new LinkedHashSet<>(roleMetrics.isEmpty() && !fixed ? specMetrics : Set.of());
      effective.addAll(metricNames(roleMetrics));
      Map<String, Object> sources = map(role.get("metricSources"));
      if (!fixed && sources.isEmpty() && !effective.isEmpty()) {
        out.add(
            rolePath
                + ".metricSources: must be set on every non-fixed role when metrics are configured");
      } else if (!fixed) {
        sources.keySet().stream()
            .filter(key -> !effective.contains(key))
            .forEach(
                key ->
                    out.add(
                        rolePath
                            + ".metricSources["
                            + key
                            + "]: metricSources key must match an effective metric name"));
      }
    }
    if (target.get("ratioConstraint") != null) {
      ratio(map(target.get("ratioConstraint")), roles, path + ".ratioConstraint", out);
    }
  }

  private static void ratio(
      Map<String, Object> ratio, Map<String, Object> roles, String path, List<String> out) {
    Object numerator = ratio.get("numeratorRole");
    Object denominator = ratio.get("denominatorRole");
    if (numerator != null && numerator.equals(denominator)) {
      out.add(path + ".denominatorRole: numeratorRole and denominatorRole must differ");
    }
    if (!roles.containsKey(String.valueOf(numerator))
        || !roles.containsKey(String.valueOf(denominator))) {
      out.add(path + ": numeratorRole and denominatorRole must exist in roles");
      return;
    }
    double minRatio = number(ratio.get("minRatio"));
    double maxRatio = number(ratio.get("maxRatio"));
    Map<String, Object> top = map(roles.get(String.valueOf(numerator)));
    Map<String, Object> bottom = map(roles.get(String.valueOf(denominator)));
    if (minRatio > maxRatio) {
      out.add(path + ".minRatio: minRatio must be <= maxRatio");
    }
    if ((integer(top.get("minReplicas")) == 0) != (integer(bottom.get("minReplicas")) == 0)) {
      out.add(path + ": ratio roles must be scalable-to-zero together");
    }
    if (Double.isNaN(minRatio)
        || Double.isNaN(maxRatio)
        || Double.isInfinite(minRatio)
        || Double.isInfinite(maxRatio)) {
      out.add(path + ": ratio values must be finite");
    } else if (minRatio < 0 || maxRatio <= 0) {
      out.add(path + ": minRatio must be >= 0 and maxRatio must be > 0");
    } else if ((integer(bottom.get("maxReplicas")) > 0
            && (double) integer(top.get("minReplicas")) / integer(bottom.get("maxReplicas"))
                > maxRatio)
        || (integer(bottom.get("minReplicas")) > 0
            && (double) integer(top.get("maxReplicas")) / integer(bottom.get("minReplicas"))
                < minRatio)) {
      out.add(path + ": ratioConstraint is not achievable within role replica bounds");
    }
  }

  private static void behavior(Map<String, Object> behavior, List<String> out) {
    String path = "spec.behavior";
    Map<String, Object> scaleDown = map(behavior.get("scaleDown"));
    Map<String, Object> scaleUp = map(behavior.get("scaleUp"));
    Map<String, Object> stable = map(scaleUp.get("stablePolicy"));
    Map<String, Object> panic = map(scaleUp.get("panicPolicy"));
    period(scaleDown.get("period"), path + ".scaleDown.period", out);
    period(scaleDown.get("stabilizationWindow"), path + ".scaleDown.stabilizationWindow", out);
    period(stable.get("period"), path + ".scaleUp.stablePolicy.period", out);
    period(
        stable.get("stabilizationWindow"), path + ".scaleUp.stablePolicy.stabilizationWindow", out);
    period(panic.get("period"), path + ".scaleUp.panicPolicy.period", out);
    period(panic.get("panicModeHold"), path + ".scaleUp.panicPolicy.panicModeHold", out);
  }

  private static void period(Object value, String path, List<String> out) {
    if (value == null) {
      return;
    }
    Duration d = GoDuration.parse(value.toString()).orElse(null);
    if (d == null || d.isNegative() || d.compareTo(MAX_PERIOD) > 0) {
      out.add(path + ": must be between 0 and 30 minutes, got " + value);
    }
  }

  private static Set<Object> metricNames(List<Map<String, Object>> metrics) {
    Set<Object> names = new LinkedHashSet<>();
    metrics.forEach(m -> names.add(m.get("name")));
    return names;
  }

  /**
   * A Quantity given as a number or a string, as the webhook reads it (AsFloat64Slow); NaN when
   * unreadable.
   */
  private static double number(Object value) {
    try {
      return new Quantity(String.valueOf(value)).getNumericalAmount().doubleValue();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long integer(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}

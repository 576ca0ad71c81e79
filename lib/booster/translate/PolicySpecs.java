package booster.translate;

import booster.api.AutoscalingPolicySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy part of an AutoscalingPolicy spec, copied from the booster and shaped as upstream's Go
 * types serialise it: {@code behavior}, {@code scaleUp}, {@code stablePolicy}, {@code panicPolicy},
 * {@code panicPolicy.period} and {@code scaleDown} have no omitempty there, so they are always
 * sent, empty when the user gave none. This is not cosmetic: with the objects present the API
 * server fills the CRD defaults into them (scale-down 1 instance or 100% per 15s, panic threshold
 * 200%, ...); with {@code behavior} absent the AutoscalingPolicy mutating webhook writes its own,
 * different defaults instead. A {@code tolerancePercent} the user left out stays out, so the CRD
 * default 10 applies, which is what upstream gets in a cluster (the ModelBooster CRD defaults it to
 * 10 first). The behaviour schema, its defaults and the mutating webhook are the same at Kthena
 * v0.4 and v1.0, so all of this holds in both profiles.
 */
final class PolicySpecs {
  /** Go's zero duration, which upstream always writes for a panic policy without period. */
  static final String ZERO_PERIOD = "0s";

  private PolicySpecs() {}

  /**
   * In the profile's schema: Kthena v1.0 calls {@code metrics[].metricName} {@code name}; the rest
   * is the same.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(AutoscalingPolicySpec policy, KthenaProfile profile) {
    Map<String, Object> spec = copy(policy);
    if (profile == KthenaProfile.V1_0) {
      List<Map<String, Object>> metrics = new ArrayList<>();
      for (Map<String, Object> metric : (List<Map<String, Object>>) spec.get("metrics")) {
        Map<String, Object> renamed = new LinkedHashMap<>();
        renamed.put("name", metric.get("metricName"));
        renamed.put("targetValue", metric.get("targetValue"));
        metrics.add(renamed);
      }
      spec.put("metrics", metrics);
    }
    return spec;
  }

  private static Map<String, Object> copy(AutoscalingPolicySpec policy) {
    Map<String, Object> spec = Children.toTree(policy);
    Map<String, Object> behavior = child(spec, "behavior");
    Map<String, Object> scaleUp = child(behavior, "scaleUp");
    child(scaleUp, "stablePolicy");
    child(scaleUp, "panicPolicy").putIfAbsent("period", ZERO_PERIOD);
    child(behavior, "scaleDown");
    return spec;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
  }
}

package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelBooster;
import java.util.LinkedHashMap;
import java.util.Map;

/** AutoscalingPolicyBinding specs in the Kthena v0.4.0 schema: policy and target. */
final class PolicyBindings {
  private PolicyBindings() {}

  /** One backend's ModelServing {@code name}, scaled by the policy of the same name. */
  static Map<String, Object> homogeneous(String name, ModelBackend backend) {
    return spec(
        name, "homogeneousTarget", PolicyTargets.homogeneous(backend, target(name, backend)));
  }

  /** Every backend of a legacy booster under its model-level policy {@code <m>}. */
  static Map<String, Object> heterogeneous(ModelBooster booster) {
    String boosterName = booster.getMetadata().getName();
    return spec(
        boosterName,
        "heterogeneousTarget",
        PolicyTargets.heterogeneous(
            booster, backend -> target(Names.child(boosterName, backend.getName()), backend)));
  }

  private static Map<String, Object> spec(
      String policyName, String targetKey, Map<String, Object> target) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("policyRef", Map.of("name", policyName));
    spec.put(targetKey, target);
    return spec;
  }

  /**
   * The backend's ModelServing and, when it differs from the schema defaults, its metric endpoint.
   */
  private static Map<String, Object> target(String servingName, ModelBackend backend) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("targetRef", PolicyTargets.targetRef(servingName));
    Map<String, Object> endpoint = PolicyTargets.scrape(backend);
    if (!endpoint.isEmpty()) {
      target.put("metricEndpoint", endpoint);
    }
    return target;
  }
}

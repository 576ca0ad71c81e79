package booster.translate;

import booster.api.BackendType;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AutoscalingPolicyBinding specs in the v0.4.0 schema (translation.md 5.3, 5.4). */
final class PolicyBindings {
  /** Legacy {@code costExpansionRatePercent} default, applied here, never written back (decisions.md 3). */
  static final int DEFAULT_COST_EXPANSION_RATE_PERCENT = 200;
  /** The role label of vLLM entry pods, where the runtime serves the metrics. */
  static final String LEADER_ROLE = "leader";

  private PolicyBindings() {
  }

  /** One backend's ModelServing {@code name}, scaled by the policy of the same name. */
  static Map<String, Object> homogeneous(String name, ModelBackend backend) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("target", target(name, backend));
    target.put("minReplicas", backend.getMinReplicas());
    target.put("maxReplicas", backend.getMaxReplicas());
    return spec(name, "homogeneousTarget", target);
  }

  /**
   * Every backend of a legacy booster under its model-level policy {@code <m>}; a cost or expansion rate of 0
   * is left out, as upstream's omitempty does (the CRD default then applies).
   */
  static Map<String, Object> heterogeneous(ModelBooster booster) {
    String boosterName = booster.getMetadata().getName();
    List<Map<String, Object>> params = new ArrayList<>();
    for (ModelBackend backend : booster.getSpec().allBackends()) {
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("target", target(Names.child(boosterName, backend.getName()), backend));
      if (backend.getScalingCost() != null && backend.getScalingCost() != 0) {
        param.put("cost", backend.getScalingCost());
      }
      param.put("minReplicas", backend.getMinReplicas());
      param.put("maxReplicas", backend.getMaxReplicas());
      params.add(param);
    }
    Integer rate = booster.getSpec().getCostExpansionRatePercent();
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("params", params);
    int effectiveRate = rate == null ? DEFAULT_COST_EXPANSION_RATE_PERCENT : rate;
    if (effectiveRate != 0) {
      target.put("costExpansionRatePercent", effectiveRate);
    }
    return spec(boosterName, "heterogeneousTarget", target);
  }

  private static Map<String, Object> spec(String policyName, String targetKey, Map<String, Object> target) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("policyRef", Map.of("name", policyName));
    spec.put(targetKey, target);
    return spec;
  }

  /**
   * The backend's ModelServing and where its metrics are scraped: the runtime's port when the backend overrides
   * {@code RUNTIME_PORT}, and the {@code leader} role except for disaggregated backends, whose pods have the
   * roles prefill and decode (decisions.md 23).
   */
  private static Map<String, Object> target(String servingName, ModelBackend backend) {
    Map<String, Object> targetRef = new LinkedHashMap<>();
    targetRef.put("kind", ChildKind.MODEL_SERVING.kind());
    targetRef.put("name", servingName);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    RuntimePort.override(backend).ifPresent(port -> endpoint.put("port", port));
    if (backend.getType() != BackendType.VLLM_DISAGGREGATED) {
      endpoint.put("labelSelector", Map.of("matchLabels", Map.of(Labels.ROLE, LEADER_ROLE)));
    }
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("targetRef", targetRef);
    if (!endpoint.isEmpty()) {
      target.put("metricEndpoint", endpoint);
    }
    return target;
  }
}

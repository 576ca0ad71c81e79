package booster.translate;

import booster.api.BackendType;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.WorkerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an autoscaling policy scales and where the metrics are read, shared by the Kthena v0.4
 * binding and the v1.0 policy, which differ only in how a target names its metric source.
 */
final class PolicyTargets {
  /**
   * Legacy {@code costExpansionRatePercent} default, applied here, never written back
   * (docs/design.md §2.1).
   */
  static final int DEFAULT_COST_EXPANSION_RATE_PERCENT = 200;

  private PolicyTargets() {}

  /** The backend's ModelServing, as both schemas reference it. */
  static Map<String, Object> targetRef(String servingName) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("kind", ChildKind.MODEL_SERVING.kind());
    ref.put("name", servingName);
    return ref;
  }

  /**
   * Where the runtime sidecar serves the backend's metrics, beyond the schema defaults (port 8100,
   * every entry pod): its port when the backend overrides {@code RUNTIME_PORT}, and the {@code
   * leader} role except for disaggregated backends, whose pods have the roles prefill and decode
   * (docs/design.md §2.6).
   */
  static Map<String, Object> scrape(ModelBackend backend) {
    Map<String, Object> scrape = new LinkedHashMap<>();
    RuntimePort.override(backend).ifPresent(port -> scrape.put("port", port));
    if (backend.getType() != BackendType.VLLM_DISAGGREGATED) {
      scrape.put(
          "labelSelector", Map.of("matchLabels", Map.of(Labels.ROLE, WorkerType.LEADER_ROLE)));
    }
    return scrape;
  }

  /** One backend scaled between its minReplicas and maxReplicas. */
  static Map<String, Object> homogeneous(ModelBackend backend, Map<String, Object> target) {
    Map<String, Object> homogeneous = new LinkedHashMap<>();
    homogeneous.put("target", target);
    homogeneous.put("minReplicas", backend.getMinReplicas());
    homogeneous.put("maxReplicas", backend.getMaxReplicas());
    return homogeneous;
  }

  /**
   * Every backend of a legacy booster under its model-level policy; a cost or expansion rate of 0
   * is left out, as upstream's omitempty does (the CRD default then applies).
   */
  static Map<String, Object> heterogeneous(
      ModelBooster booster, Function<ModelBackend, Map<String, Object>> target) {
    List<Map<String, Object>> params = new ArrayList<>();
    for (ModelBackend backend : booster.getSpec().allBackends()) {
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("target", target.apply(backend));
      if (backend.getScalingCost() != null && backend.getScalingCost() != 0) {
        param.put("cost", backend.getScalingCost());
      }
      param.put("minReplicas", backend.getMinReplicas());
      param.put("maxReplicas", backend.getMaxReplicas());
      params.add(param);
    }
    Integer rate = booster.getSpec().getCostExpansionRatePercent();
    int effectiveRate = rate == null ? DEFAULT_COST_EXPANSION_RATE_PERCENT : rate;
    Map<String, Object> heterogeneous = new LinkedHashMap<>();
    heterogeneous.put("params", params);
    if (effectiveRate != 0) {
      heterogeneous.put("costExpansionRatePercent", effectiveRate);
    }
    return heterogeneous;
  }
}

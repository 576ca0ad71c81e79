package booster.translate;

import booster.api.AutoscalingMetric;
import booster.api.AutoscalingPolicySpec;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AutoscalingPolicy specs in the Kthena v1.0 schema, which has no binding: the policy carries its
 * target, and the target names a metric source for each metric (the autoscaler skips a metric
 * without one, silently). A disaggregated backend whose prefill or decode worker sets maxReplicas
 * gets a disaggregatedTarget, which scales those roles inside each serving group instead of whole
 * groups.
 */
final class TargetedPolicies {
  private TargetedPolicies() {}

  /** The policy of one backend, whose ModelServing is {@code servingName}. */
  static Map<String, Object> backend(
      AutoscalingPolicySpec policy, String servingName, ModelBackend backend) {
    Map<String, Object> spec = PolicySpecs.copy(policy, KthenaProfile.V1_0);
    Map<String, Object> sources = metricSources(policy, backend);
    if (backend.scalesRoles()) {
      spec.put("disaggregatedTarget", disaggregated(servingName, backend, sources));
    } else {
      spec.put(
          "homogeneousTarget", PolicyTargets.homogeneous(backend, target(servingName, sources)));
    }
    return spec;
  }

  /** The legacy model-level policy over every backend of the booster. */
  static Map<String, Object> heterogeneous(AutoscalingPolicySpec policy, ModelBooster booster) {
    Map<String, Object> spec = PolicySpecs.copy(policy, KthenaProfile.V1_0);
    spec.put(
        "heterogeneousTarget",
        PolicyTargets.heterogeneous(
            booster,
            backend ->
                target(
                    Names.child(booster.getMetadata().getName(), backend.getName()),
                    metricSources(policy, backend))));
    return spec;
  }

  private static Map<String, Object> target(String servingName, Map<String, Object> sources) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("targetRef", PolicyTargets.targetRef(servingName));
    target.put("metricSources", sources);
    return target;
  }

  /**
   * One pod source per metric, read from the runtime sidecar; {@code name} written although it
   * defaults to the key.
   */
  private static Map<String, Object> metricSources(
      AutoscalingPolicySpec policy, ModelBackend backend) {
    Map<String, Object> sources = new LinkedHashMap<>();
    for (AutoscalingMetric metric : policy.getMetrics()) {
      Map<String, Object> pod = new LinkedHashMap<>();
      pod.put("name", metric.getMetricName());
      pod.putAll(PolicyTargets.scrape(backend));
      sources.put(metric.getMetricName(), Map.of("pod", pod));
    }
    return sources;
  }

  /**
   * The prefill and decode roles, each between its worker's {@code replicas} (the gang minimum the
   * ModelServing webhook enforces) and its {@code maxReplicas}; a role without one stays fixed. The
   * autoscaler adds the role label to each pod source itself.
   */
  private static Map<String, Object> disaggregated(
      String servingName, ModelBackend backend, Map<String, Object> sources) {
    Map<String, Object> targetRef = new LinkedHashMap<>();
    targetRef.put("apiVersion", ChildKind.MODEL_SERVING.apiVersion());
    targetRef.putAll(PolicyTargets.targetRef(servingName));
    Map<String, Object> roles = new LinkedHashMap<>();
    for (WorkerType type : List.of(WorkerType.PREFILL, WorkerType.DECODE)) {
      int index = backend.lastWorkerIndex(type);
      if (index < 0) {
        throw new IllegalArgumentException(
            "backend " + backend.getName() + " has no " + type.value() + " worker");
      }
      ModelWorker worker = backend.getWorkers().get(index);
      Map<String, Object> role = new LinkedHashMap<>();
      role.put("minReplicas", worker.effectiveReplicas());
      role.put(
          "maxReplicas",
          worker.getMaxReplicas() != null ? worker.getMaxReplicas() : worker.effectiveReplicas());
      role.put("metricSources", sources);
      roles.put(type.value(), role);
    }
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("targetRef", targetRef);
    target.put("roles", roles);
    return target;
  }
}

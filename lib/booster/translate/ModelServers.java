package booster.translate;

import booster.api.BackendType;
import booster.api.KvConnectors;
import booster.api.ModelBackend;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ModelServer of one backend (upstream's convert/model_server.go): how the router reaches the
 * backend's serving pods.
 */
final class ModelServers {
  static final String INFERENCE_ENGINE = "vLLM";
  static final int RETRY_ATTEMPTS = 5;

  /** Written explicitly: the CRD default (100ms) would otherwise apply. */
  static final String RETRY_INTERVAL = "0s";

  private ModelServers() {}

  static GenericKubernetesResource build(BackendContext ctx) {
    Map<String, Object> spec = spec(ctx);
    return Revision.stamp(
        ctx.baseLabels(),
        labels ->
            Children.of(ChildKind.MODEL_SERVER, ctx.booster(), ctx.childName(), labels, spec));
  }

  private static Map<String, Object> spec(BackendContext ctx) {
    ModelBackend backend = ctx.backend();
    if (!backend.getType().translatable()) {
      throw new IllegalArgumentException(
          "not support " + backend.getType() + " backend yet, please use vLLM backend");
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("model", ServedModelName.of(ctx.boosterName(), backend));
    spec.put("inferenceEngine", INFERENCE_ENGINE);
    spec.put("workloadSelector", workloadSelector(ctx));
    spec.put("workloadPort", Map.of("port", ServingRoles.ENGINE_PORT));
    spec.put("trafficPolicy", Map.of("retry", retry()));
    kvConnectorType(backend).ifPresent(type -> spec.put("kvConnector", Map.of("type", type)));
    return spec;
  }

  /**
   * Upstream selects by model uid only; we add the backend name when there are several backends,
   * and the entry label when a worker spans several pods, so Ray worker pods get no traffic
   * (docs/design.md §2.6).
   */
  private static Map<String, Object> workloadSelector(BackendContext ctx) {
    Map<String, String> matchLabels = new TreeMap<>();
    matchLabels.put(Labels.MODEL_UID, Labels.uid(ctx.booster()));
    if (ctx.multiBackend()) {
      matchLabels.put(Labels.BACKEND_NAME, ctx.backend().getName());
    }
    if (multiPod(ctx.backend())) {
      matchLabels.put(Labels.ENTRY, "true");
    }
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("matchLabels", matchLabels);
    if (ctx.backend().getType() == BackendType.VLLM_DISAGGREGATED) {
      selector.put("pdGroup", pdGroup());
    }
    return selector;
  }

  private static boolean multiPod(ModelBackend backend) {
    return workers(backend).stream().anyMatch(w -> w.effectivePods() > 1);
  }

  private static Map<String, Object> pdGroup() {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("groupKey", Labels.GROUP_NAME);
    group.put("prefillLabels", Map.of(Labels.ROLE, WorkerType.PREFILL.value()));
    group.put("decodeLabels", Map.of(Labels.ROLE, WorkerType.DECODE.value()));
    return group;
  }

  private static Map<String, Object> retry() {
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("attempts", RETRY_ATTEMPTS);
    retry.put("retryInterval", RETRY_INTERVAL);
    return retry;
  }

  /**
   * The connector named by the prefill/decode workers' {@code kv-transfer-config}, both generations
   * of names (docs/design.md §2.6); a later worker overrides an earlier one, unknown names are left
   * to validation's warning.
   */
  private static Optional<String> kvConnectorType(ModelBackend backend) {
    Optional<String> type = Optional.empty();
    for (ModelWorker worker : workers(backend)) {
      WorkerType role = worker.effectiveType();
      if (role != WorkerType.PREFILL && role != WorkerType.DECODE) {
        continue;
      }
      Optional<String> found;
      try {
        found = KvConnectors.connectorName(worker).flatMap(KvConnectors::type);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "backend " + backend.getName() + ", " + role + " worker: " + e.getMessage(), e);
      }
      if (found.isPresent()) {
        type = found;
      }
    }
    return type;
  }

  private static List<ModelWorker> workers(ModelBackend backend) {
    return backend.getWorkers() == null ? List.of() : backend.getWorkers();
  }
}

package booster.translate;

import booster.api.ModelBackend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ModelServing of one backend: upstream's convert/model_serving.go and its v0.4.0 templates, for
 * every input shape (docs/design.md §2.6). The revision label is stamped on the object and on its
 * pod templates, so any change of the desired pods rolls them.
 */
final class ModelServings {
  private ModelServings() {}

  /**
   * @throws IllegalArgumentException naming the field path when a precondition that validation
   *     guarantees is violated (unsupported type, missing worker, unusable cacheURI, bad config
   *     value)
   */
  static GenericKubernetesResource build(BackendContext ctx) {
    ModelBackend backend = ctx.backend();
    String path = backendPath(ctx);
    CacheVolume cache =
        CacheVolume.of(backend.getName(), backend.getCacheURI(), path + ".cacheURI");
    GenericKubernetesResource serving =
        Revision.stamp(
            ctx.baseLabels(),
            labels ->
                Children.of(
                    ChildKind.MODEL_SERVING,
                    ctx.booster(),
                    ctx.childName(),
                    labels,
                    spec(ctx, path, cache, labels)));
    // Added after the revision: it repeats spec.replicas, which the revision covers, and must not
    // roll any pod.
    serving
        .getMetadata()
        .setAnnotations(
            new TreeMap<>(
                Map.of(Labels.APPLIED_REPLICAS, String.valueOf(backend.desiredReplicas()))));
    return serving;
  }

  private static Map<String, Object> spec(
      BackendContext ctx, String path, CacheVolume cache, Map<String, String> labels) {
    ModelBackend backend = ctx.backend();
    if (backend.getType() == null) {
      throw new IllegalArgumentException(path + ".type: Required value");
    }
    if (backend.desiredReplicas() == null) {
      throw new IllegalArgumentException(path + ".replicas: Required value");
    }
    Map<String, Object> template =
        switch (backend.getType()) {
          case VLLM -> VllmTemplate.of(ctx, path, cache, labels);
          case VLLM_DISAGGREGATED -> PdTemplate.of(ctx, path, cache, labels);
          default ->
              throw new IllegalArgumentException(
                  path
                      + ".type: backend type "
                      + backend.getType()
                      + " cannot be served (supported: vLLM, vLLMDisaggregated)");
        };
    Map<String, Object> spec = new LinkedHashMap<>();
    // An unset scheduler is left out so the CRD default (volcano) applies (docs/design.md §2.6)
    if (backend.getSchedulerName() != null && !backend.getSchedulerName().isEmpty()) {
      spec.put("schedulerName", backend.getSchedulerName());
    }
    spec.put("replicas", backend.desiredReplicas());
    spec.put("template", withNetworkTopology(template, backend));
    return spec;
  }

  /**
   * The backend's network topology in the template of every backend type (vLLM, multi-node Ray,
   * prefill/decode), after the gang policy as upstream orders the ServingGroup fields.
   */
  private static Map<String, Object> withNetworkTopology(
      Map<String, Object> template, ModelBackend backend) {
    if (backend.getNetworkTopology() == null) {
      return template;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    template.forEach(
        (key, value) -> {
          if (key.equals("roles")) {
            out.put("networkTopology", Children.toTree(backend.getNetworkTopology()));
          }
          out.put(key, value);
        });
    return out;
  }

  /** The backend's field path in its booster ({@code spec.backend} or {@code spec.backends[i]}). */
  private static String backendPath(BackendContext ctx) {
    List<ModelBackend> all = ctx.booster().getSpec().allBackends();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == ctx.backend()) {
        return ctx.booster().getSpec().backendPath(i);
      }
    }
    throw new IllegalArgumentException(
        "backend " + ctx.backend().getName() + " is not part of ModelBooster " + ctx.boosterName());
  }
}

package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts every upstream shape: the single {@code backend} (v1.0 with {@code replicas}, v0.2-v0.4
 * with {@code minReplicas}/{@code maxReplicas}) and the v0.1 {@code backends[]} list. Exactly one
 * of backend and backends must be set (docs/design.md §2.1); the rules run in the API server (CEL)
 * and in {@link Validation}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "owner",
  "backend",
  "backends",
  "autoscalingPolicy",
  "costExpansionRatePercent",
  "modelMatch",
  "rateLimit",
  "parentRefs",
  "routes"
})
@ValidationRule(
    value = "has(self.backend) != has(self.backends)",
    message = "exactly one of spec.backend or spec.backends must be set")
@ValidationRule(
    value = "!has(self.backend) || !has(self.costExpansionRatePercent)",
    message = "costExpansionRatePercent is only allowed with spec.backends (the v0.1 shape)")
@ValidationRule(
    value =
        "!has(self.backend) || !(has(self.backend.routeWeight) || has(self.backend.scalingCost)"
            + " || has(self.backend.scaleToZeroGracePeriod) || has(self.backend.loraAdapters)"
            + " || has(self.backend.autoscalingPolicy))",
    message =
        "routeWeight, scalingCost, scaleToZeroGracePeriod, loraAdapters and autoscalingPolicy are only allowed"
            + " in spec.backends[] (the v0.1 shape)")
@ValidationRule(
    value = "!has(self.backend) || !has(self.backend.replicas) || !has(self.autoscalingPolicy)",
    message =
        "autoscalingPolicy requires spec.backend.minReplicas and maxReplicas (with replicas, write an"
            + " AutoscalingPolicy for the ModelServing <metadata.name>-<backend name> instead)",
    fieldPath = ".autoscalingPolicy")
@ValidationRule(
    value = "!has(self.backends) || self.backends.all(b, !has(b.replicas))",
    message =
        "spec.backends[] items take minReplicas and maxReplicas; replicas is a spec.backend field",
    fieldPath = ".backends")
@ValidationRule(
    value =
        "!has(self.backend) || has(self.autoscalingPolicy)"
            + " || !self.backend.workers.exists(w, has(w.maxReplicas))",
    message = "a worker maxReplicas (role autoscaling) needs spec.autoscalingPolicy",
    fieldPath = ".backend.workers")
@ValidationRule(
    value =
        "!has(self.backends) || self.backends.all(b, has(b.autoscalingPolicy)"
            + " || !b.workers.exists(w, has(w.maxReplicas)))",
    message =
        "a worker maxReplicas (role autoscaling) needs an autoscalingPolicy on its own backend",
    fieldPath = ".backends")
@ValidationRule(
    value =
        "!has(self.routes) || !has(self.backends) || self.routes.all(r, !has(r.modelName)"
            + " || self.backends.all(b, !has(b.loraAdapters) || b.loraAdapters.all(l, l.name != r.modelName)))",
    message =
        "a route's modelName cannot be the name of a LoRA adapter (the router would send that adapter's"
            + " requests to the base model)",
    fieldPath = ".routes")
public class ModelBoosterSpec {
  /** Extra routes besides the main one; each is a ModelRoute child. */
  static final int MAX_ROUTES = 16;

  /** Display name only; children are always named after metadata.name. */
  @Size(max = 64)
  @Pattern(Patterns.DNS_LABEL)
  private String name;

  /** Informational only. */
  private String owner;

  private ModelBackend backend;

  /**
   * At most 16: a ModelRoute rule takes at most 16 targets. Keyed by name (list-map, added by the
   * CRD test).
   */
  @Size(min = 1, max = 16)
  private List<ModelBackend> backends;

  private AutoscalingPolicySpec autoscalingPolicy;

  /** Legacy shape only; defaults to 200 inside the translator when a model-level policy is set. */
  @Min(0)
  @Max(1000)
  private Integer costExpansionRatePercent;

  private ModelMatch modelMatch;

  /** The main route's token budget. */
  private RateLimit rateLimit;

  /** The Gateways the main route attaches to. */
  private List<ParentReference> parentRefs;

  /** More ModelRoutes to the same backends; keyed by name (list-map, added by the CRD test). */
  @Size(max = MAX_ROUTES)
  private List<RouteSpec> routes;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }

  public ModelBackend getBackend() {
    return backend;
  }

  public void setBackend(ModelBackend backend) {
    this.backend = backend;
  }

  public List<ModelBackend> getBackends() {
    return backends;
  }

  public void setBackends(List<ModelBackend> backends) {
    this.backends = backends;
  }

  public AutoscalingPolicySpec getAutoscalingPolicy() {
    return autoscalingPolicy;
  }

  public void setAutoscalingPolicy(AutoscalingPolicySpec autoscalingPolicy) {
    this.autoscalingPolicy = autoscalingPolicy;
  }

  public Integer getCostExpansionRatePercent() {
    return costExpansionRatePercent;
  }

  public void setCostExpansionRatePercent(Integer value) {
    this.costExpansionRatePercent = value;
  }

  public ModelMatch getModelMatch() {
    return modelMatch;
  }

  public void setModelMatch(ModelMatch modelMatch) {
    this.modelMatch = modelMatch;
  }

  public RateLimit getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(RateLimit rateLimit) {
    this.rateLimit = rateLimit;
  }

  public List<ParentReference> getParentRefs() {
    return parentRefs;
  }

  public void setParentRefs(List<ParentReference> parentRefs) {
    this.parentRefs = parentRefs;
  }

  public List<RouteSpec> getRoutes() {
    return routes;
  }

  public void setRoutes(List<RouteSpec> routes) {
    this.routes = routes;
  }

  /** True for the v0.1 {@code backends[]} shape. */
  public boolean legacyShape() {
    return backends != null && backend == null;
  }

  /** The backends in spec order, whichever shape is used; never null. */
  public List<ModelBackend> allBackends() {
    List<ModelBackend> all = new ArrayList<>();
    if (backend != null) {
      all.add(backend);
    }
    if (backends != null) {
      all.addAll(backends);
    }
    return all;
  }

  /**
   * The main route (model name {@code boosterName}) followed by each {@code routes[]} entry in spec
   * order; null entries are left out. Never null.
   */
  public List<BoosterRoute> allRoutes(String boosterName) {
    List<BoosterRoute> all = new ArrayList<>();
    all.add(
        new BoosterRoute(
            "",
            boosterName,
            modelMatch,
            rateLimit,
            parentRefs,
            FieldPath.of(BoosterRoute.MAIN_PATH)));
    if (routes != null) {
      for (int i = 0; i < routes.size(); i++) {
        RouteSpec route = routes.get(i);
        if (route != null) {
          all.add(
              new BoosterRoute(
                  route.getName(),
                  route.getModelName() == null ? boosterName : route.getModelName(),
                  route.getModelMatch(),
                  route.getRateLimit(),
                  route.getParentRefs(),
                  FieldPath.of(BoosterRoute.MAIN_PATH).child("routes").index(i)));
        }
      }
    }
    return all;
  }

  /** The field path of backend {@code index} in this shape, for messages. */
  public String backendPath(int index) {
    return legacyShape() ? "spec.backends[" + index + "]" : "spec.backend";
  }
}

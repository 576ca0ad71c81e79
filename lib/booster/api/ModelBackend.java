package booster.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Optional;

/**
 * One serving backend. The fields marked legacy exist only in the v0.1 {@code backends[]} shape.
 * Replicas come in two styles: a fixed {@code replicas} (v1.0) or a {@code minReplicas}/{@code
 * maxReplicas} range (v0.1-v0.4); the legacy list takes only the range (a rule on {@link
 * ModelBoosterSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "type",
  "modelURI",
  "cacheURI",
  "envFrom",
  "env",
  "replicas",
  "minReplicas",
  "maxReplicas",
  "scalingCost",
  "routeWeight",
  "scaleToZeroGracePeriod",
  "workers",
  "loraAdapters",
  "autoscalingPolicy",
  "schedulerName",
  "runtimeClassName",
  "networkTopology"
})
@ValidationRule(
    value = "has(self.replicas) != (has(self.minReplicas) || has(self.maxReplicas))",
    message =
        "set either replicas (a fixed count) or minReplicas and maxReplicas (a range), not both",
    fieldPath = ".replicas")
@ValidationRule(
    value = "has(self.minReplicas) == has(self.maxReplicas)",
    message = "minReplicas and maxReplicas must be set together",
    fieldPath = ".maxReplicas")
@ValidationRule(
    value =
        "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas",
    message = "minReplicas cannot be greater than maxReplicas",
    fieldPath = ".minReplicas")
@ValidationRule(
    value =
        "!self.workers.exists(w, has(w.maxReplicas)) || (has(self.minReplicas)"
            + " && has(self.maxReplicas) && self.minReplicas == self.maxReplicas)",
    message = "a worker with maxReplicas (role autoscaling) needs minReplicas equal to maxReplicas",
    fieldPath = ".maxReplicas")
@ValidationRule(
    value = "self.type in ['vLLM', 'vLLMDisaggregated']",
    message = "only vLLM and vLLMDisaggregated backends can be served")
@ValidationRule(
    value =
        "self.type != 'vLLM' || (size(self.workers) == 1"
            + " && (!has(self.workers[0].type) || self.workers[0].type == 'server'))",
    message = "If backend type is 'vLLM', there must be exactly one worker, of type 'server'")
@ValidationRule(
    value =
        "self.type != 'vLLMDisaggregated' || self.workers.all(w, has(w.type)"
            + " && (w.type == 'prefill' || w.type == 'decode'))",
    message =
        "If backend type is 'vLLMDisaggregated', all workers must be type 'prefill' or 'decode'")
@ValidationRule(
    value =
        "self.type != 'vLLMDisaggregated' || (self.workers.exists(w, has(w.type) && w.type == 'prefill')"
            + " && self.workers.exists(w, has(w.type) && w.type == 'decode'))",
    message =
        "If backend type is 'vLLMDisaggregated', a 'prefill' and a 'decode' worker are required")
public class ModelBackend {
  /**
   * Upstream v1.0's switch that leaves out the KV-connector pip install (for images that already
   * have it).
   */
  public static final String SKIP_ENGINE_DEPENDENCY_INSTALL =
      "KTHENA_SKIP_ENGINE_DEPENDENCY_INSTALL";

  @Required
  @Pattern(Patterns.DNS_LABEL)
  private String name;

  @Required private BackendType type;

  @Required
  @Pattern(Patterns.MODEL_URI)
  @JsonProperty("modelURI")
  private String modelURI;

  @Pattern(Patterns.CACHE_URI)
  @JsonProperty("cacheURI")
  private String cacheURI;

  private List<EnvFromSource> envFrom;
  private List<EnvVar> env;

  /** v1.0: the fixed number of serving groups; the alternative to minReplicas and maxReplicas. */
  @Min(0)
  @Max(Limits.MAX_REPLICAS)
  private Integer replicas;

  @Min(0)
  @Max(Limits.MAX_REPLICAS)
  private Integer minReplicas;

  @Min(1)
  @Max(Limits.MAX_REPLICAS)
  private Integer maxReplicas;

  /** Legacy: optimiser cost of one replica. */
  @Min(0)
  private Integer scalingCost;

  /** Legacy: share of traffic; 100 when absent (applied by the translator, never written back). */
  @Min(0)
  @Max(100)
  private Integer routeWeight;

  /** Legacy: validated only; no child field can carry it. */
  private String scaleToZeroGracePeriod;

  @Required
  @Size(min = 1, max = 1000)
  private List<ModelWorker> workers;

  /**
   * Legacy: LoRA adapters downloaded beside the model and served by vLLM (a ModelRoute lists at
   * most 10).
   */
  @Size(max = 10)
  private List<LoraAdapter> loraAdapters;

  /** Legacy: backend-level autoscaling. */
  private AutoscalingPolicySpec autoscalingPolicy;

  private String schedulerName;

  /** The RuntimeClass of every pod of this backend (v1.0). */
  @Size(max = Patterns.MAX_DNS_SUBDOMAIN)
  @Pattern(Patterns.DNS_SUBDOMAIN)
  private String runtimeClassName;

  /**
   * Topology-aware placement of the serving groups (Volcano HyperNodes), for the ModelServing
   * template.
   */
  private NetworkTopology networkTopology;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public BackendType getType() {
    return type;
  }

  public void setType(BackendType type) {
    this.type = type;
  }

  @JsonProperty("modelURI")
  public String getModelURI() {
    return modelURI;
  }

  @JsonProperty("modelURI")
  public void setModelURI(String modelURI) {
    this.modelURI = modelURI;
  }

  @JsonProperty("cacheURI")
  public String getCacheURI() {
    return cacheURI;
  }

  @JsonProperty("cacheURI")
  public void setCacheURI(String cacheURI) {
    this.cacheURI = cacheURI;
  }

  public List<EnvFromSource> getEnvFrom() {
    return envFrom;
  }

  public void setEnvFrom(List<EnvFromSource> envFrom) {
    this.envFrom = envFrom;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getScalingCost() {
    return scalingCost;
  }

  public void setScalingCost(Integer scalingCost) {
    this.scalingCost = scalingCost;
  }

  public Integer getRouteWeight() {
    return routeWeight;
  }

  public void setRouteWeight(Integer routeWeight) {
    this.routeWeight = routeWeight;
  }

  public String getScaleToZeroGracePeriod() {
    return scaleToZeroGracePeriod;
  }

  public void setScaleToZeroGracePeriod(String value) {
    this.scaleToZeroGracePeriod = value;
  }

  public List<ModelWorker> getWorkers() {
    return workers;
  }

  public void setWorkers(List<ModelWorker> workers) {
    this.workers = workers;
  }

  public List<LoraAdapter> getLoraAdapters() {
    return loraAdapters;
  }

  public void setLoraAdapters(List<LoraAdapter> loraAdapters) {
    this.loraAdapters = loraAdapters;
  }

  public AutoscalingPolicySpec getAutoscalingPolicy() {
    return autoscalingPolicy;
  }

  public void setAutoscalingPolicy(AutoscalingPolicySpec autoscalingPolicy) {
    this.autoscalingPolicy = autoscalingPolicy;
  }

  public String getSchedulerName() {
    return schedulerName;
  }

  public void setSchedulerName(String schedulerName) {
    this.schedulerName = schedulerName;
  }

  public String getRuntimeClassName() {
    return runtimeClassName;
  }

  public void setRuntimeClassName(String runtimeClassName) {
    this.runtimeClassName = runtimeClassName;
  }

  public NetworkTopology getNetworkTopology() {
    return networkTopology;
  }

  public void setNetworkTopology(NetworkTopology networkTopology) {
    this.networkTopology = networkTopology;
  }

  /**
   * The serving groups the ModelServing starts with: the fixed {@code replicas}, else {@code
   * minReplicas}.
   */
  @JsonIgnore
  public Integer desiredReplicas() {
    return replicas != null ? replicas : minReplicas;
  }

  /** The literal value of the first env entry with this name (upstream lookup rule), if any. */
  @JsonIgnore
  public Optional<EnvVar> findEnv(String envName) {
    if (env == null) {
      return Optional.empty();
    }
    return env.stream().filter(e -> envName.equals(e.getName())).findFirst();
  }

  /**
   * True when the first {@link #SKIP_ENGINE_DEPENDENCY_INSTALL} entry is a literal Go true;
   * valueFrom is not read.
   */
  @JsonIgnore
  public boolean skipsEngineDependencyInstall() {
    return findEnv(SKIP_ENGINE_DEPENDENCY_INSTALL)
        .map(EnvVar::getValue)
        .flatMap(GoBool::parse)
        .orElse(false);
  }

  /**
   * True when a worker sets maxReplicas: its roles autoscale inside each serving group
   * (prefill/decode only).
   */
  @JsonIgnore
  public boolean scalesRoles() {
    return workers != null
        && workers.stream().anyMatch(w -> w != null && w.getMaxReplicas() != null);
  }

  /**
   * The index of the last worker of that type (upstream indexes workers by type; the last one
   * wins), or -1.
   */
  @JsonIgnore
  public int lastWorkerIndex(WorkerType workerType) {
    if (workers != null) {
      for (int i = workers.size() - 1; i >= 0; i--) {
        if (workers.get(i) != null && workers.get(i).effectiveType() == workerType) {
          return i;
        }
      }
    }
    return -1;
  }
}

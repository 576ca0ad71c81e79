package booster.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One engine role of a backend. {@code replicas} and {@code pods} default to 1 in the translator
 * (docs/design.md §2.6).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "type",
  "image",
  "replicas",
  "maxReplicas",
  "pods",
  "resources",
  "affinity",
  "tolerations",
  "config"
})
@ValidationRule(
    value = "!has(self.pods) || self.pods >= 1 || (has(self.replicas) && self.replicas == 0)",
    message = "pods must be at least 1 (leave it out for the default 1)")
@ValidationRule(
    value = "!has(self.maxReplicas) || (has(self.type) && self.type in ['prefill', 'decode'])",
    message = "maxReplicas (role autoscaling) is only allowed on prefill and decode workers",
    fieldPath = ".maxReplicas")
@ValidationRule(
    value =
        "!has(self.maxReplicas) || self.maxReplicas >= (has(self.replicas) ? self.replicas : 1)",
    message = "maxReplicas cannot be less than replicas",
    fieldPath = ".maxReplicas")
public class ModelWorker {
  @Default("server")
  private WorkerType type;

  private String image;

  @Min(0)
  @Max(Limits.MAX_REPLICAS)
  private Integer replicas;

  /**
   * Prefill/decode only: the role's autoscaling ceiling inside each serving group; {@code replicas}
   * is its floor. Rendered as a Kthena v1.0 disaggregatedTarget.
   */
  @Min(1)
  @Max(Limits.MAX_REPLICAS)
  private Integer maxReplicas;

  @Min(0)
  @Max(Limits.MAX_REPLICAS)
  private Integer pods;

  private ResourceRequirements resources;
  private Affinity affinity;
  private List<Toleration> tolerations;

  /** Engine flags as a JSON object; rendered by the translator's vLLM flag renderer. */
  @PreserveUnknownFields private JsonNode config;

  public WorkerType getType() {
    return type;
  }

  public void setType(WorkerType type) {
    this.type = type;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getPods() {
    return pods;
  }

  public void setPods(Integer pods) {
    this.pods = pods;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public JsonNode getConfig() {
    return config;
  }

  public void setConfig(JsonNode config) {
    this.config = config;
  }

  /** The type with the CRD default applied (an absent type means {@code server}). */
  @JsonIgnore
  public WorkerType effectiveType() {
    return type == null ? WorkerType.SERVER : type;
  }

  @JsonIgnore
  public int effectiveReplicas() {
    return replicas == null ? 1 : replicas;
  }

  /**
   * An explicit 0 is a validation error, except on a worker with {@code replicas: 0} (upstream's
   * v0.1.0 Deepseek example): no pods run there, so it is treated as 1 rather than rendering {@code
   * workerReplicas: -1}.
   */
  @JsonIgnore
  public int effectivePods() {
    if (pods == null || (pods < 1 && replicas != null && replicas == 0)) {
      return 1;
    }
    return pods;
  }
}

package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Observed state: conditions Initialized, Active and Failed; {@code backendStatuses} is schema only
 * (see {@link BackendStatus}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "backendStatuses"})
public class ModelBoosterStatus {
  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private List<BackendStatus> backendStatuses;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<BackendStatus> getBackendStatuses() {
    return backendStatuses;
  }

  public void setBackendStatuses(List<BackendStatus> backendStatuses) {
    this.backendStatuses = backendStatuses;
  }
}

package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Replica count of one backend's ModelServing. Our operator never writes it; the schema keeps it
 * because upstream's v0.1.0 CRD has {@code status.backendStatuses}, so a status written there is
 * neither pruned nor unreadable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "replicas"})
public class BackendStatus {
  private String name;
  private Integer replicas;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }
}

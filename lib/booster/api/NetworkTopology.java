package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Topology-aware placement of a backend's serving groups, copied into the ModelServing's {@code
 * spec.template.networkTopology}. Only a topology-aware scheduler (Volcano with HyperNodes) acts on
 * it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"groupPolicy", "rolePolicy"})
public class NetworkTopology {
  /** All pods of one serving group. */
  private TopologyPolicy groupPolicy;

  /** The pods of each role inside a serving group. */
  private TopologyPolicy rolePolicy;

  public TopologyPolicy getGroupPolicy() {
    return groupPolicy;
  }

  public void setGroupPolicy(TopologyPolicy groupPolicy) {
    this.groupPolicy = groupPolicy;
  }

  public TopologyPolicy getRolePolicy() {
    return rolePolicy;
  }

  public void setRolePolicy(TopologyPolicy rolePolicy) {
    this.rolePolicy = rolePolicy;
  }
}

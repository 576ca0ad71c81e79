package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How far apart (in HyperNode tiers) the pods of a serving group, or of one role, may be scheduled:
 * Volcano's NetworkTopologySpec as the ModelServing CRD embeds it. The tier is given by number or
 * by name, never both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode", "highestTierAllowed", "highestTierName"})
@ValidationRule(
    value = "!has(self.highestTierAllowed) || !has(self.highestTierName)",
    message = "set highestTierAllowed or highestTierName, not both",
    fieldPath = ".highestTierName")
public class TopologyPolicy {
  private TopologyMode mode;

  @Min(0)
  private Integer highestTierAllowed;

  @Size(max = Patterns.MAX_DNS_SUBDOMAIN)
  private String highestTierName;

  public TopologyMode getMode() {
    return mode;
  }

  public void setMode(TopologyMode mode) {
    this.mode = mode;
  }

  public Integer getHighestTierAllowed() {
    return highestTierAllowed;
  }

  public void setHighestTierAllowed(Integer value) {
    this.highestTierAllowed = value;
  }

  public String getHighestTierName() {
    return highestTierName;
  }

  public void setHighestTierName(String value) {
    this.highestTierName = value;
  }
}

package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A stable scale-up or a scale-down rule. Durations are Go duration strings such as {@code 15s}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"instances", "percent", "period", "selectPolicy", "stabilizationWindow"})
@ValidationRule(
    value = "!has(self.selectPolicy) || self.selectPolicy in ['Or', 'And']",
    message = "selectPolicy must be Or or And")
public class ScalingRule {
  @Min(0)
  private Integer instances;

  @Min(0)
  @Max(1000)
  private Integer percent;

  private String period;
  private String selectPolicy;
  private String stabilizationWindow;

  public Integer getInstances() {
    return instances;
  }

  public void setInstances(Integer instances) {
    this.instances = instances;
  }

  public Integer getPercent() {
    return percent;
  }

  public void setPercent(Integer percent) {
    this.percent = percent;
  }

  public String getPeriod() {
    return period;
  }

  public void setPeriod(String period) {
    this.period = period;
  }

  public String getSelectPolicy() {
    return selectPolicy;
  }

  public void setSelectPolicy(String selectPolicy) {
    this.selectPolicy = selectPolicy;
  }

  public String getStabilizationWindow() {
    return stabilizationWindow;
  }

  public void setStabilizationWindow(String stabilizationWindow) {
    this.stabilizationWindow = stabilizationWindow;
  }
}

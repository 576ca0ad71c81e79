package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The autoscaling policy embedded in a booster; the translator copies it into an AutoscalingPolicy
 * child. CRD defaults (tolerance 10, the behaviour numbers) are left to the API server, as upstream
 * does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tolerancePercent", "metrics", "behavior"})
public class AutoscalingPolicySpec {
  @Min(0)
  @Max(100)
  private Integer tolerancePercent;

  @Required
  @Size(min = 1)
  private List<AutoscalingMetric> metrics;

  private AutoscalingBehavior behavior;

  public Integer getTolerancePercent() {
    return tolerancePercent;
  }

  public void setTolerancePercent(Integer tolerancePercent) {
    this.tolerancePercent = tolerancePercent;
  }

  public List<AutoscalingMetric> getMetrics() {
    return metrics;
  }

  public void setMetrics(List<AutoscalingMetric> metrics) {
    this.metrics = metrics;
  }

  public AutoscalingBehavior getBehavior() {
    return behavior;
  }

  public void setBehavior(AutoscalingBehavior behavior) {
    this.behavior = behavior;
  }
}

package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Quantity;

/** One metric the autoscaler tracks, with its per-replica target. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"metricName", "targetValue"})
public class AutoscalingMetric {
  @Required private String metricName;
  @Required private Quantity targetValue;

  public String getMetricName() {
    return metricName;
  }

  public void setMetricName(String metricName) {
    this.metricName = metricName;
  }

  public Quantity getTargetValue() {
    return targetValue;
  }

  public void setTargetValue(Quantity targetValue) {
    this.targetValue = targetValue;
  }
}

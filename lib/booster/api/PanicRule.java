package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** The panic-mode scale-up rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"percent", "period", "panicThresholdPercent", "panicModeHold"})
public class PanicRule {
  @Min(0)
  @Max(1000)
  private Integer percent;

  @Required private String period;

  @Min(110)
  @Max(1000)
  private Integer panicThresholdPercent;

  private String panicModeHold;

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

  public Integer getPanicThresholdPercent() {
    return panicThresholdPercent;
  }

  public void setPanicThresholdPercent(Integer value) {
    this.panicThresholdPercent = value;
  }

  public String getPanicModeHold() {
    return panicModeHold;
  }

  public void setPanicModeHold(String panicModeHold) {
    this.panicModeHold = panicModeHold;
  }
}

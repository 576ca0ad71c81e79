package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Scale-up has a stable rule and an optional panic rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"stablePolicy", "panicPolicy"})
public class ScaleUpBehavior {
  private ScalingRule stablePolicy;
  private PanicRule panicPolicy;

  public ScalingRule getStablePolicy() {
    return stablePolicy;
  }

  public void setStablePolicy(ScalingRule stablePolicy) {
    this.stablePolicy = stablePolicy;
  }

  public PanicRule getPanicPolicy() {
    return panicPolicy;
  }

  public void setPanicPolicy(PanicRule panicPolicy) {
    this.panicPolicy = panicPolicy;
  }
}

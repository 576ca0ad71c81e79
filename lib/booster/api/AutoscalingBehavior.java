package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Scale-up (stable and panic) and scale-down behaviour of an autoscaling policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"scaleUp", "scaleDown"})
public class AutoscalingBehavior {
  private ScaleUpBehavior scaleUp;
  private ScalingRule scaleDown;

  public ScaleUpBehavior getScaleUp() {
    return scaleUp;
  }

  public void setScaleUp(ScaleUpBehavior scaleUp) {
    this.scaleUp = scaleUp;
  }

  public ScalingRule getScaleDown() {
    return scaleDown;
  }

  public void setScaleDown(ScalingRule scaleDown) {
    this.scaleDown = scaleDown;
  }
}

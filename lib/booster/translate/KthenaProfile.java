package booster.translate;

import java.util.Arrays;
import java.util.List;

/**
 * The Kthena release whose child schemas the translator writes. ModelServing, ModelServer and
 * ModelRoute are the same in both; only the autoscaling children differ: v0.4 writes an
 * AutoscalingPolicy and an AutoscalingPolicyBinding per policy, v1.0 (which removed the binding
 * kind) one AutoscalingPolicy carrying its target.
 */
public enum KthenaProfile {
  V0_4("v0.4"),
  V1_0("v1.0");

  private final String label;

  KthenaProfile(String label) {
    this.label = label;
  }

  /** As users write it: {@code v0.4}, {@code v1.0}. */
  public String label() {
    return label;
  }

  /** The child kinds this profile can write, in apply order. */
  public List<ChildKind> childKinds() {
    return Arrays.stream(ChildKind.values())
        .filter(kind -> this == V0_4 || kind != ChildKind.AUTOSCALING_POLICY_BINDING)
        .toList();
  }

  /** Accepts {@code v0.4} or {@code v1.0} (also without the {@code v}). */
  public static KthenaProfile parse(String text) {
    String wanted = text.startsWith("v") ? text : "v" + text;
    for (KthenaProfile profile : values()) {
      if (profile.label.equals(wanted)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown Kthena version \"" + text + "\" (expected v0.4 or v1.0)");
  }

  @Override
  public String toString() {
    return label;
  }
}

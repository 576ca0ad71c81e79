package booster.translate;

/**
 * The five kinds a booster is translated into, in the order they are applied (policies before
 * bindings).
 */
public enum ChildKind {
  MODEL_SERVING("workload.serving.volcano.sh", "ModelServing", "modelservings"),
  MODEL_SERVER("networking.serving.volcano.sh", "ModelServer", "modelservers"),
  MODEL_ROUTE("networking.serving.volcano.sh", "ModelRoute", "modelroutes"),
  AUTOSCALING_POLICY("workload.serving.volcano.sh", "AutoscalingPolicy", "autoscalingpolicies"),
  AUTOSCALING_POLICY_BINDING(
      "workload.serving.volcano.sh", "AutoscalingPolicyBinding", "autoscalingpolicybindings");

  public static final String VERSION = "v1alpha1";

  private final String group;
  private final String kind;
  private final String plural;

  ChildKind(String group, String kind, String plural) {
    this.group = group;
    this.kind = kind;
    this.plural = plural;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public String apiVersion() {
    return group + "/" + VERSION;
  }

  public static ChildKind ofKind(String kind) {
    for (ChildKind k : values()) {
      if (k.kind.equals(kind)) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a booster child kind: " + kind);
  }
}

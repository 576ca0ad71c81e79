package booster.cluster;

import booster.translate.ChildKind;
import booster.translate.KthenaProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code --kthena-version} setting of the plugin and the operator: {@code auto} (null {@code
 * fixed}), or a release to render for whatever the cluster serves. Offline, {@code auto} renders
 * for v1.0, the current release.
 */
public record KthenaVersion(KthenaProfile fixed) {
  public static final String ENV = "BOOSTER_KTHENA_VERSION";
  public static final String FLAG = "--kthena-version";
  public static final KthenaVersion AUTO = new KthenaVersion(null);
  static final KthenaProfile OFFLINE_DEFAULT = KthenaProfile.V1_0;

  /** {@code auto}, {@code v0.4} or {@code v1.0} (the {@code v} may be left out). */
  public static KthenaVersion parse(String text) {
    String value = text.trim();
    if (value.equals("auto")) {
      return AUTO;
    }
    try {
      return new KthenaVersion(KthenaProfile.parse(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown Kthena version \"" + text + "\" (expected auto, v0.4 or v1.0)");
    }
  }

  /** The flag's value when given, else {@value #ENV}, else auto. */
  public static KthenaVersion of(String flag, Map<String, String> environment) {
    if (flag != null) {
      return parse(flag);
    }
    String fromEnv = environment.get(ENV);
    if (fromEnv == null || fromEnv.isBlank()) {
      return AUTO;
    }
    try {
      return parse(fromEnv);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV + ": " + e.getMessage());
    }
  }

  boolean auto() {
    return fixed == null;
  }

  /** The profile of an offline render. */
  public KthenaProfile offline() {
    return auto() ? OFFLINE_DEFAULT : fixed;
  }

  /** The profile to render for against this cluster: the fixed one, or the detected one. */
  public KthenaDetection.Detected resolve(KubernetesClient client) {
    return resolve(client, () -> KthenaDetection.served(client));
  }

  /**
   * As {@link #resolve(KubernetesClient)}, with the served kinds at hand (read only if detection
   * needs them).
   */
  public KthenaDetection.Detected resolve(
      KubernetesClient client, Supplier<Set<ChildKind>> served) {
    return auto()
        ? KthenaDetection.profile(client, served)
        : new KthenaDetection.Detected(fixed, FLAG + "=" + fixed.label());
  }

  /** As users write it. */
  @Override
  public String toString() {
    return auto() ? "auto" : fixed.label();
  }
}

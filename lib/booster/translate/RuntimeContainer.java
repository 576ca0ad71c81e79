package booster.translate;

import booster.api.ModelBackend;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

/**
 * The Kthena runtime sidecar beside each engine (translation.md 2.3, 2.6, 2.7): it proxies metrics and LoRA calls
 * to the engine. Its port, engine URL and metrics path follow the backend's {@code RUNTIME_*} variables.
 */
public final class RuntimeContainer {
  public static final int DEFAULT_PORT = 8100;
  public static final String DEFAULT_URL = "http://localhost:8000";
  public static final String DEFAULT_METRICS_PATH = "/metrics";

  private RuntimeContainer() {
  }

  /**
   * The runtime container without a probe; the vLLM template adds one.
   *
   * @param env     the env list of the engine it serves
   * @param envPath the backend env's field path, for error messages
   */
  public static ContainerBuilder of(BackendContext ctx, List<EnvVar> env, String envPath) {
    ModelBackend backend = ctx.backend();
    int port = port(backend, envPath);
    return new ContainerBuilder()
        .withName("runtime")
        .withImage(ctx.config().runtimeImage())
        .addNewPort().withContainerPort(port).endPort()
        .withEnv(env)
        .withEnvFrom(backend.getEnvFrom())
        .withArgs("--port", Integer.toString(port),
            "--engine", backend.getType().value().toLowerCase(java.util.Locale.ROOT),
            "--engine-base-url", orDefault(EngineEnv.literalValue(backend, "RUNTIME_URL"), DEFAULT_URL),
            "--engine-metrics-path", orDefault(EngineEnv.literalValue(backend, "RUNTIME_METRICS_PATH"),
                DEFAULT_METRICS_PATH),
            "--pod", "$(POD_NAME).$(NAMESPACE)",
            "--model", ctx.boosterName());
  }

  /** {@code RUNTIME_PORT}, or 8100 when the backend does not set it. */
  public static int port(ModelBackend backend, String envPath) {
    String value = EngineEnv.literalValue(backend, "RUNTIME_PORT");
    if (value == null || value.isEmpty()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(envPath + ": RUNTIME_PORT must be a port number (1-65535), got \"" + value
        + "\"");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}

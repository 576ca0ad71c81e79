package booster.translate;

import booster.api.ModelBackend;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Locale;

/**
 * The Kthena runtime sidecar beside each engine, placed as upstream's templates
 * (convert/templates/vllm.yaml, vllm-pd.yaml) place it: it proxies metrics and LoRA calls to the
 * engine. Its port, engine URL and metrics path follow the backend's {@code RUNTIME_*} variables
 * (first literal entry, as upstream and as {@link RuntimePort} reads them for the autoscaling
 * binding).
 */
final class RuntimeContainer {
  static final String DEFAULT_METRICS_PATH = "/metrics";

  private RuntimeContainer() {}

  /**
   * The runtime container without a probe; the vLLM template adds one.
   *
   * @param env the env list of the engine it serves
   */
  static ContainerBuilder of(BackendContext ctx, List<EnvVar> env) {
    ModelBackend backend = ctx.backend();
    int port = RuntimePort.of(backend);
    return new ContainerBuilder()
        .withName("runtime")
        .withImage(ctx.config().runtimeImage())
        .addNewPort()
        .withContainerPort(port)
        .endPort()
        .withEnv(env)
        .withEnvFrom(backend.getEnvFrom())
        .withArgs(
            "--port",
            Integer.toString(port),
            "--engine",
            backend.getType().value().toLowerCase(Locale.ROOT),
            "--engine-base-url",
            literal(backend, "RUNTIME_URL", ServingRoles.ENGINE_URL),
            "--engine-metrics-path",
            literal(backend, "RUNTIME_METRICS_PATH", DEFAULT_METRICS_PATH),
            "--pod",
            "$(POD_NAME).$(NAMESPACE)",
            "--model",
            ctx.boosterName());
  }

  /** The first literal, non-empty value of that variable, or the default. */
  private static String literal(ModelBackend backend, String name, String fallback) {
    return backend.findEnv(name).map(EnvVar::getValue).filter(v -> !v.isEmpty()).orElse(fallback);
  }
}

package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ModelServing template of a {@code vLLMDisaggregated} backend (upstream's
 * convert/templates/vllm-pd.yaml, v0.4.0): a {@code prefill} and a {@code decode} role, each a
 * single pod running the runtime and vLLM. Both runtimes get the backend's envFrom (docs/design.md
 * §2.6; upstream gave it to decode only).
 */
final class PdTemplate {
  private PdTemplate() {}

  static Map<String, Object> of(
      BackendContext ctx, String path, CacheVolume cache, Map<String, String> labels) {
    ModelBackend backend = ctx.backend();
    int prefillIndex = Workers.lastIndexOf(backend, WorkerType.PREFILL, path);
    int decodeIndex = Workers.lastIndexOf(backend, WorkerType.DECODE, path);
    ModelWorker prefill = backend.getWorkers().get(prefillIndex);
    ModelWorker decode = backend.getWorkers().get(decodeIndex);

    Map<String, Integer> minimums = new LinkedHashMap<>();
    minimums.put("prefill", prefill.effectiveReplicas());
    minimums.put("decode", decode.effectiveReplicas());
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("restartGracePeriodSeconds", 60);
    template.put("gangPolicy", Map.of("minRoleReplicas", minimums));
    template.put(
        "roles",
        List.of(
            role(
                ctx,
                path,
                cache,
                labels,
                "prefill",
                prefill,
                prefillIndex,
                EngineEnv.prefill(backend)),
            role(
                ctx,
                path,
                cache,
                labels,
                "decode",
                decode,
                decodeIndex,
                EngineEnv.decode(backend))));
    return template;
  }

  private static Map<String, Object> role(
      BackendContext ctx,
      String path,
      CacheVolume cache,
      Map<String, String> labels,
      String name,
      ModelWorker worker,
      int index,
      List<EnvVar> env) {
    ModelBackend backend = ctx.backend();
    List<String> command =
        EngineCommand.build(
            backend,
            worker,
            false,
            cache.downloadDir(backend.getModelURI()),
            EngineCommand.loraFlags(backend.getLoraAdapters(), cache),
            path + ".workers[" + index + "]");
    Container vllm =
        new ContainerBuilder()
            .withName("vllm")
            .withImage(worker.getImage())
            .addNewPort()
            .withContainerPort(ServingRoles.ENGINE_PORT)
            .endPort()
            .withEnv(env)
            .withCommand(command)
            .withImagePullPolicy("IfNotPresent")
            .withResources(worker.getResources())
            .withNewReadinessProbe()
            .withHttpGet(ServingRoles.health(ServingRoles.ENGINE_PORT))
            .withInitialDelaySeconds(5)
            .withPeriodSeconds(5)
            .withFailureThreshold(3)
            .endReadinessProbe()
            .withNewLivenessProbe()
            .withHttpGet(ServingRoles.health(ServingRoles.ENGINE_PORT))
            .withInitialDelaySeconds(180)
            .withPeriodSeconds(5)
            .withFailureThreshold(3)
            .endLivenessProbe()
            .withVolumeMounts(cache.mount())
            .build();
    Container runtime = RuntimeContainer.of(ctx, env).build();
    PodSpec pod =
        ServingRoles.podSpec(
            Placement.of(backend, worker),
            InitContainers.of(ctx, cache),
            List.of(runtime, vllm),
            List.of(cache.volume()));
    return ServingRoles.role(
        name,
        worker.effectiveReplicas(),
        ServingRoles.podTemplate(labels, pod),
        0,
        ServingRoles.noWorkers());
  }
}

package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ModelServing template of a {@code vLLM} backend (upstream's convert/templates/vllm.yaml,
 * v0.4.0): one {@code leader} role whose entry pod runs the runtime and the engine, and whose
 * worker pods (one fewer than the server's {@code pods}) join the Ray cluster.
 */
final class VllmTemplate {
  /** Waits for running and queued requests to drain before the engine stops. */
  static final String PRE_STOP_SCRIPT =
      """
      while true; do
        RUNNING=$(curl -s %s/metrics | grep 'vllm:num_requests_running' | grep -v '#' | awk '{print $2}')
        WAITING=$(curl -s %s/metrics | grep 'vllm:num_requests_waiting' | grep -v '#' | awk '{print $2}')
        if [ "$RUNNING" = "0.0" ] && [ "$WAITING" = "0.0" ]; then
          echo "Terminating: No active or waiting requests, safe to terminate" >> /proc/1/fd/1
          exit 0
        else
          echo "Terminating: Running: $RUNNING, Waiting: $WAITING" >> /proc/1/fd/1
          sleep 5
        fi
      done
      """
          .formatted(ServingRoles.ENGINE_URL, ServingRoles.ENGINE_URL);

  private VllmTemplate() {}

  static Map<String, Object> of(
      BackendContext ctx, String path, CacheVolume cache, Map<String, String> labels) {
    ModelBackend backend = ctx.backend();
    int serverIndex = Workers.lastIndexOf(backend, WorkerType.SERVER, path);
    ModelWorker server = backend.getWorkers().get(serverIndex);
    String serverPath = path + ".workers[" + serverIndex + "]";
    if (server.effectivePods() < 1) {
      // Upstream rendered workerReplicas -1 here (docs/design.md §2.6), which the ModelServing
      // webhook rejects
      throw new IllegalArgumentException(serverPath + ".pods: must be at least 1");
    }

    Volume dshm =
        new VolumeBuilder()
            .withName("dshm")
            .withNewEmptyDir()
            .withMedium("Memory")
            .endEmptyDir()
            .build();
    List<Volume> volumes = List.of(cache.volume(), dshm);
    List<VolumeMount> mounts =
        List.of(
            cache.mount(),
            new VolumeMountBuilder().withName("dshm").withMountPath("/dev/shm").build());
    List<Container> init = InitContainers.of(ctx, cache);
    List<EnvVar> env = EngineEnv.engine(backend);
    int port = RuntimePort.of(backend);

    Container runtime =
        RuntimeContainer.of(ctx, env)
            .withNewReadinessProbe()
            .withHttpGet(ServingRoles.health(port))
            .withInitialDelaySeconds(5)
            .withPeriodSeconds(10)
            .endReadinessProbe()
            .build();
    Container engine =
        new ContainerBuilder()
            .withName("engine")
            .withImage(server.getImage())
            .withCommand(
                EngineCommand.build(
                    backend,
                    server,
                    true,
                    cache.downloadDir(backend.getModelURI()),
                    EngineCommand.loraFlags(backend.getLoraAdapters(), cache),
                    serverPath))
            .withEnv(env)
            .withResources(server.getResources())
            .withVolumeMounts(mounts)
            .withNewReadinessProbe()
            .withHttpGet(ServingRoles.health(ServingRoles.ENGINE_PORT))
            .editHttpGet()
            .withScheme("HTTP")
            .endHttpGet()
            .withInitialDelaySeconds(180)
            .withPeriodSeconds(5)
            .withSuccessThreshold(1)
            .withFailureThreshold(3)
            .withTimeoutSeconds(1)
            .endReadinessProbe()
            .withNewLifecycle()
            .withNewPreStop()
            .withNewExec()
            .withCommand("/bin/sh", "-c", PRE_STOP_SCRIPT)
            .endExec()
            .endPreStop()
            .endLifecycle()
            .build();
    Placement placement = Placement.of(backend, server);
    PodSpec entry = ServingRoles.podSpec(placement, init, List.of(runtime, engine), volumes);
    entry.setTerminationGracePeriodSeconds(300L);

    String script = EngineCommand.RAY_START + "worker --ray_address=$(ENTRY_ADDRESS)";
    Container rayWorker =
        new ContainerBuilder()
            .withName(
                backend.getName().toLowerCase(Locale.ROOT)
                    + "-"
                    + backend.getType().value().toLowerCase(Locale.ROOT)
                    + "-worker")
            .withImage(server.getImage())
            .withCommand("bash", "-c", script)
            .withEnv(EngineEnv.backend(backend))
            .withResources(server.getResources())
            .withVolumeMounts(mounts)
            .build();
    PodSpec worker = ServingRoles.podSpec(placement, init, List.of(rayWorker), volumes);

    int replicas = server.effectiveReplicas();
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("restartGracePeriodSeconds", 60);
    template.put("gangPolicy", Map.of("minRoleReplicas", Map.of(WorkerType.LEADER_ROLE, replicas)));
    template.put(
        "roles",
        List.of(
            ServingRoles.role(
                WorkerType.LEADER_ROLE,
                replicas,
                ServingRoles.podTemplate(labels, entry),
                server.effectivePods() - 1,
                ServingRoles.podTemplate(labels, worker))));
    return template;
  }
}

package booster.translate;

import booster.api.KvConnectors;
import booster.api.LoraAdapter;
import booster.api.ModelBackend;
import booster.api.ModelWorker;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vLLM engine command of one worker (upstream's buildCommands in convert/model_serving.go,
 * v0.4.0): {@code python3 -m vllm.entrypoints.openai.api_server --model <download dir>}, the config
 * flags, the legacy LoRA flags, and then the wrappers that need a shell: Ray multi-node start-up
 * and the KV-connector pip install. Wrapped commands keep every flag inside one shell-quoted script
 * (docs/design.md §2.5), never nested {@code bash -c} levels.
 */
final class EngineCommand {
  static final String MULTI_NODE_SCRIPT = "examples/online_serving/multi-node-serving.sh";

  /** Starts vLLM's multi-node script; the leader or worker argument and its Ray flags follow. */
  static final String RAY_START =
      "chmod u+x " + MULTI_NODE_SCRIPT + " && " + MULTI_NODE_SCRIPT + " ";

  static final String NVIDIA_GPU = "nvidia.com/gpu";
  static final String ASCEND_NPU = "huawei.com/ascend-1980";

  /**
   * Connectors whose Python package the stock vLLM image lacks, with the command that installs it;
   * left out when the backend sets {@link ModelBackend#SKIP_ENGINE_DEPENDENCY_INSTALL} (images that
   * already have it).
   */
  private static final Map<String, String> CONNECTOR_INSTALL =
      Map.of(
          "MooncakeConnector", "pip install mooncake-transfer-engine",
          "NixlConnector", "PIP_DISABLE_PIP_VERSION_CHECK=1 pip install -U --no-cache-dir nixl");

  private EngineCommand() {}

  /**
   * @param backend the backend (any NVIDIA GPU in it enables the connector install)
   * @param worker the worker whose config, pods and resources shape the command
   * @param multiNode true for a vLLM server worker, which runs Ray when it has more than one pod
   * @param modelDir where the downloader put the model
   * @param loraFlags {@code --enable-lora --lora-modules ...} for legacy LoRA adapters, or empty
   * @param workerPath the worker's field path, for error messages
   */
  static List<String> build(
      ModelBackend backend,
      ModelWorker worker,
      boolean multiNode,
      String modelDir,
      List<String> loraFlags,
      String workerPath) {
    List<String> argv =
        new ArrayList<>(
            List.of("python3", "-m", "vllm.entrypoints.openai.api_server", "--model", modelDir));
    argv.addAll(VllmFlags.render(worker.getConfig(), workerPath + ".config"));
    argv.addAll(loraFlags);
    String script = null;
    if (multiNode && worker.effectivePods() > 1) {
      argv.addAll(List.of("--distributed_executor_backend", "ray"));
      script =
          RAY_START
              + "leader --ray_cluster_size="
              + worker.effectivePods()
              + " --num-gpus="
              + deviceCount(worker)
              + " && "
              + ShellQuote.join(argv);
    }
    Optional<String> install = connectorInstall(backend, worker, workerPath);
    if (install.isPresent()) {
      script = install.get() + " && " + (script != null ? script : ShellQuote.join(argv));
    }
    return script == null ? argv : List.of("bash", "-c", script);
  }

  /**
   * Legacy LoRA adapters served by vLLM: {@code --enable-lora --lora-modules name=<download
   * dir>...} in list order, or nothing when there are none.
   */
  static List<String> loraFlags(List<LoraAdapter> adapters, CacheVolume cache) {
    List<String> flags = new ArrayList<>();
    if (adapters == null || adapters.isEmpty()) {
      return flags;
    }
    flags.add("--enable-lora");
    flags.add("--lora-modules");
    for (LoraAdapter lora : adapters) {
      flags.add(lora.getName() + "=" + cache.downloadDir(lora.getArtifactURL()));
    }
    return flags;
  }

  /** GPUs plus NPUs in the worker's limits, each rounded up (upstream GetDeviceNum). */
  static long deviceCount(ModelWorker worker) {
    return limit(worker, NVIDIA_GPU) + limit(worker, ASCEND_NPU);
  }

  private static Optional<String> connectorInstall(
      ModelBackend backend, ModelWorker worker, String workerPath) {
    boolean anyNvidia =
        backend.getWorkers().stream().anyMatch(w -> w != null && limit(w, NVIDIA_GPU) > 0);
    if (!anyNvidia || backend.skipsEngineDependencyInstall()) {
      return Optional.empty();
    }
    try {
      return KvConnectors.connectorName(worker).map(CONNECTOR_INSTALL::get);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          workerPath + ".config." + KvConnectors.CONFIG_KEY + ": " + e.getMessage(), e);
    }
  }

  private static long limit(ModelWorker worker, String resource) {
    if (worker.getResources() == null || worker.getResources().getLimits() == null) {
      return 0;
    }
    Quantity q = worker.getResources().getLimits().get(resource);
    if (q == null) {
      return 0;
    }
    return q.getNumericalAmount()
        .setScale(0, RoundingMode.CEILING)
        .max(BigDecimal.ZERO)
        .longValueExact();
  }
}

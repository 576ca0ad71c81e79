package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import booster.api.BackendType;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.ModelBoosterSpec;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shell quoting (docs/design.md §2.5), proved with real shells: config values full of shell
 * metacharacters pass through the rendered {@code bash -c} scripts (Ray multi-node and the
 * connector pip wrapper) as inert data ({@link ShellScripts} runs them as rendered; nothing the
 * payload tries may happen).
 */
class ShellInjectionTest {
  private static final String[] SHELLS = {"/bin/sh", "/bin/bash"};

  @TempDir Path dir;

  /** Every kind of quoting and command-injection attempt, aimed at creating the marker file. */
  private String payload() {
    String m = ShellScripts.marker(dir).toString();
    return "x'; touch "
        + m
        + "; echo '\n$(touch "
        + m
        + ") `touch "
        + m
        + "` \"$(touch "
        + m
        + ")\" ;"
        + " touch "
        + m
        + " && touch "
        + m
        + " | tee "
        + m
        + " > "
        + m
        + "2 \\ * ${HOME} \"it's\"\n"
        + "touch "
        + m
        + "\n";
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/bash"})
  void multiNodeRayScriptKeepsConfigValuesInert(String shell) throws Exception {
    ModelWorker server = worker(WorkerType.SERVER, 2, "nvidia.com/gpu", "1");
    config(server)
        .put("served-model-name", payload())
        .put("x$(touch " + ShellScripts.marker(dir) + ")", payload());
    ModelBooster booster = booster(BackendType.VLLM, server);

    List<String> command = engineCommand(booster, 0, "engine");
    Map<String, List<String>> calls = run(shell, command);

    assertEquals(List.of("leader", "--ray_cluster_size=2", "--num-gpus=1"), calls.get("leader"));
    List<String> argv = calls.get("python3");
    assertEquals(payload(), argv.get(argv.indexOf("--served-model-name") + 1));
    assertEquals(expectedArgv(server, List.of("--distributed_executor_backend", "ray")), argv);
    assertFalse(calls.containsKey("pip"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"MooncakeConnector", "NixlConnector"})
  void connectorPipWrapperKeepsConfigValuesInert(String connector) throws Exception {
    String transfer = "{\"kv_connector\":\"" + connector + "\",\"kv_role\":\"kv_producer\"}";
    ModelWorker prefill = worker(WorkerType.PREFILL, 1, "nvidia.com/gpu", "2");
    config(prefill).put("kv-transfer-config", transfer).put("served-model-name", payload());
    ModelWorker decode = worker(WorkerType.DECODE, 1, "cpu", "1");
    ModelBooster booster = booster(BackendType.VLLM_DISAGGREGATED, prefill, decode);

    List<String> command = engineCommand(booster, 0, "vllm");
    for (String shell : SHELLS) {
      Map<String, List<String>> calls = run(shell, command);
      List<String> argv = calls.get("python3");
      assertEquals(payload(), argv.get(argv.indexOf("--served-model-name") + 1), shell);
      assertEquals(transfer, argv.get(argv.indexOf("--kv-transfer-config") + 1), shell);
      assertEquals(expectedArgv(prefill, List.of()), argv, shell);
      assertEquals(
          connector.startsWith("Mooncake")
              ? List.of("install", "mooncake-transfer-engine")
              : List.of("install", "-U", "--no-cache-dir", "nixl"),
          calls.get("pip"),
          shell);
    }
  }

  /**
   * Ray and a connector together: one script (no nested bash -c) that installs, starts Ray, then
   * serves.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/bash"})
  void rayAndConnectorShareOneScript(String shell) throws Exception {
    ModelWorker server = worker(WorkerType.SERVER, 3, "nvidia.com/gpu", "2");
    config(server)
        .put(
            "kv-transfer-config",
            "{\"kv_connector\":\"MooncakeConnector\",\"kv_role\":\"kv_both\"}")
        .put("chat-template", payload());
    ModelBooster booster = booster(BackendType.VLLM, server);

    List<String> command = engineCommand(booster, 0, "engine");
    Map<String, List<String>> calls = run(shell, command);

    assertEquals(List.of("install", "mooncake-transfer-engine"), calls.get("pip"));
    assertEquals(List.of("leader", "--ray_cluster_size=3", "--num-gpus=2"), calls.get("leader"));
    assertEquals(
        expectedArgv(server, List.of("--distributed_executor_backend", "ray")),
        calls.get("python3"));
  }

  // ---- running a rendered script
  // -----------------------------------------------------------------------------

  private Map<String, List<String>> run(String shell, List<String> command) throws Exception {
    assertEquals(List.of("bash", "-c"), command.subList(0, 2), "a wrapped command");
    assertEquals(3, command.size(), "nothing may trail the script: " + command);
    return ShellScripts.run(shell, command.get(2), dir);
  }

  // ---- boosters
  // ------------------------------------------------------------------------------------------------

  /** What vLLM must receive: the unwrapped engine argv after {@code python3}. */
  private static List<String> expectedArgv(ModelWorker worker, List<String> tail) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "-m",
                "vllm.entrypoints.openai.api_server",
                "--model",
                "/models/" + CacheVolume.md5Hex("hf://org/model")));
    argv.addAll(VllmFlags.render(worker.getConfig(), "config"));
    argv.addAll(tail);
    return argv;
  }

  private static ObjectNode config(ModelWorker worker) {
    return (ObjectNode) worker.getConfig();
  }

  private static ModelWorker worker(WorkerType type, int pods, String resource, String amount) {
    ModelWorker w = new ModelWorker();
    w.setType(type);
    w.setImage("vllm:latest");
    w.setPods(pods);
    w.setResources(
        new ResourceRequirementsBuilder().addToLimits(resource, new Quantity(amount)).build());
    w.setConfig(JsonNodeFactory.instance.objectNode());
    return w;
  }

  private static ModelBooster booster(BackendType type, ModelWorker... workers) {
    ModelBackend backend = new ModelBackend();
    backend.setName("b");
    backend.setType(type);
    backend.setModelURI("hf://org/model");
    backend.setMinReplicas(1);
    backend.setMaxReplicas(1);
    backend.setWorkers(List.of(workers));
    ModelBoosterSpec spec = new ModelBoosterSpec();
    spec.setBackend(backend);
    ModelBooster booster = new ModelBooster();
    booster.setMetadata(
        new ObjectMetaBuilder().withName("m").withNamespace("ns").withUid("u").build());
    booster.setSpec(spec);
    return booster;
  }

  private static List<String> engineCommand(ModelBooster booster, int role, String container) {
    Map<String, Object> serving = ModelServingGoldenTest.render(booster, "v0.4.0");
    return ServingTrees.list(
            ServingTrees.container(ServingTrees.role(serving, role), "entryTemplate", container)
                .get("command"))
        .stream()
        .map(String.class::cast)
        .toList();
  }
}

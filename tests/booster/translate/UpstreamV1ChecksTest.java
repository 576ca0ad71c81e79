package booster.translate;

import static booster.translate.ServingTrees.container;
import static booster.translate.ServingTrees.list;
import static booster.translate.ServingTrees.map;
import static booster.translate.ServingTrees.podSpec;
import static booster.translate.ServingTrees.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.KvConnectors;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The v1.0.0 convert inputs that upstream checks field by field rather than against an expected
 * file (runtime class, affinity, tolerations per role, skipping the connector install), asserted
 * the same way on our ModelServing. The expected values are read from the input booster. One
 * deliberate difference: upstream writes an empty affinity where a worker has none; we leave it out
 * (docs/differences.md).
 */
class UpstreamV1ChecksTest {
  private static final String TAG = "v1.0.0";
  private static final Translator V10 = TranslatorTest.translator(KthenaProfile.V1_0);

  @Test
  void vllmRuntimeClassIsOnEveryPodTemplate() {
    Map<String, Object> role = role(serving(Golden.input(TAG, "model-with-runtimeclass.yaml")), 0);
    assertEquals("nvidia", podSpec(role, "entryTemplate").get("runtimeClassName"));
    // upstream checks the worker template only when it has pods; ours always carries the same
    // placement
    assertEquals("nvidia", podSpec(role, "workerTemplate").get("runtimeClassName"));
  }

  @Test
  void disaggregatedRuntimeClassIsOnBothRoles() {
    Map<String, Object> serving =
        serving(Golden.input(TAG, "pd-disaggregated-model-with-runtimeclass.yaml"));
    for (int role = 0; role < 2; role++) {
      assertEquals("nvidia", podSpec(role(serving, role), "entryTemplate").get("runtimeClassName"));
    }
  }

  /** Upstream: no runtime class, no tolerations, an empty affinity; ours: none of the three. */
  @Test
  void modelWithoutPlacementHasNone() {
    Map<String, Object> role = role(serving(Golden.input(TAG, "model.yaml")), 0);
    for (String template : List.of("entryTemplate", "workerTemplate")) {
      for (String field : List.of("runtimeClassName", "tolerations", "affinity")) {
        assertFalse(podSpec(role, template).containsKey(field), template + "." + field);
      }
    }
  }

  @Test
  void vllmAffinityIsOnEveryPodTemplate() {
    ModelBooster booster = Golden.input(TAG, "model-with-affinity.yaml");
    Object affinity = tree(worker(booster, WorkerType.SERVER).getAffinity());
    assertEquals(List.of("a100"), nodeValues(affinity), "the input's required node affinity");
    Map<String, Object> role = role(serving(booster), 0);
    assertEquals(affinity, podSpec(role, "entryTemplate").get("affinity"));
    assertEquals(affinity, podSpec(role, "workerTemplate").get("affinity"));
  }

  @Test
  void disaggregatedRolesHaveTheirOwnAffinity() {
    ModelBooster booster = Golden.input(TAG, "pd-disaggregated-model-with-affinity.yaml");
    Map<String, Object> serving = serving(booster);
    Map<String, Object> prefill = map(podSpec(role(serving, 0), "entryTemplate").get("affinity"));
    Map<String, Object> decode = map(podSpec(role(serving, 1), "entryTemplate").get("affinity"));
    assertEquals(tree(worker(booster, WorkerType.PREFILL).getAffinity()), prefill);
    assertEquals(tree(worker(booster, WorkerType.DECODE).getAffinity()), decode);
    assertEquals(List.of("a100"), nodeValues(prefill));
    assertFalse(prefill.containsKey("podAntiAffinity"));
    assertEquals(List.of("h100"), nodeValues(decode));
    assertTrue(decode.containsKey("podAntiAffinity"));
  }

  @Test
  void vllmTolerationsAreOnEveryPodTemplateInOrder() {
    ModelBooster booster = Golden.input(TAG, "model-with-nodeselector-tolerations.yaml");
    Object tolerations = tree(worker(booster, WorkerType.SERVER).getTolerations());
    assertEquals(List.of("nvidia.com/gpu", "dedicated"), keys(tolerations));
    Map<String, Object> role = role(serving(booster), 0);
    assertEquals(tolerations, podSpec(role, "entryTemplate").get("tolerations"));
    assertEquals(tolerations, podSpec(role, "workerTemplate").get("tolerations"));
  }

  @Test
  void disaggregatedRolesHaveTheirOwnTolerations() {
    ModelBooster booster =
        Golden.input(TAG, "pd-disaggregated-model-with-nodeselector-tolerations.yaml");
    Map<String, Object> serving = serving(booster);
    Object prefill = podSpec(role(serving, 0), "entryTemplate").get("tolerations");
    Object decode = podSpec(role(serving, 1), "entryTemplate").get("tolerations");
    assertEquals(tree(worker(booster, WorkerType.PREFILL).getTolerations()), prefill);
    assertEquals(tree(worker(booster, WorkerType.DECODE).getTolerations()), decode);
    assertEquals(List.of("nvidia.com/gpu"), keys(prefill));
    assertEquals(List.of("nvidia.com/gpu", "dedicated"), keys(decode));
    assertEquals("PreferNoSchedule", ServingTrees.maps(decode).get(1).get("effect"));
  }

  /**
   * The Mooncake input on NVIDIA GPUs, and the same with NixlConnector, each with and without the
   * switch.
   */
  @ParameterizedTest
  @ValueSource(strings = {"MooncakeConnector", "NixlConnector"})
  void skipSwitchLeavesOutTheConnectorInstall(String connector) {
    String install = connector.equals("NixlConnector") ? "nixl &&" : "pip install";
    ModelBooster booster =
        withConnector(Golden.input(TAG, "pd-disaggregated-model-mooncake.yaml"), connector);
    for (int role = 0; role < 2; role++) {
      assertTrue(
          command(booster, role).contains(install),
          "installed without the switch: " + command(booster, role));
    }
    booster
        .getSpec()
        .getBackend()
        .getEnv()
        .add(new EnvVar(ModelBackend.SKIP_ENGINE_DEPENDENCY_INSTALL, "true", null));
    for (int role = 0; role < 2; role++) {
      String command = command(booster, role);
      assertFalse(command.contains("pip install") || command.contains("nixl &&"), command);
      assertTrue(command.startsWith("python3 -m vllm.entrypoints.openai.api_server"), command);
    }
  }

  private static Map<String, Object> serving(ModelBooster booster) {
    return Golden.tree(TranslatorTest.child(V10.translate(booster), "ModelServing"));
  }

  private static String command(ModelBooster booster, int role) {
    return String.join(
        " ",
        list(container(role(serving(booster), role), "entryTemplate", "vllm").get("command"))
            .stream()
            .map(String::valueOf)
            .toList());
  }

  private static ModelWorker worker(ModelBooster booster, WorkerType type) {
    ModelBackend backend = booster.getSpec().getBackend();
    assertTrue(backend.lastWorkerIndex(type) >= 0, "no " + type + " worker");
    return backend.getWorkers().get(backend.lastWorkerIndex(type));
  }

  /** Rewrites each worker's kv_connector, as upstream's Nixl case does. */
  private static ModelBooster withConnector(ModelBooster booster, String connector) {
    for (ModelWorker worker : booster.getSpec().getBackend().getWorkers()) {
      String transfer = worker.getConfig().get(KvConnectors.CONFIG_KEY).asString();
      assertTrue(transfer.contains("MooncakeConnector"), transfer);
      ((ObjectNode) worker.getConfig())
          .set(
              KvConnectors.CONFIG_KEY,
              JsonNodeFactory.instance.stringNode(
                  transfer.replace("MooncakeConnector", connector)));
    }
    return booster;
  }

  private static Object tree(Object value) {
    return Golden.tree(Map.of("value", value)).get("value");
  }

  private static List<Object> nodeValues(Object affinity) {
    Map<String, Object> required =
        map(
            map(map(affinity).get("nodeAffinity"))
                .get("requiredDuringSchedulingIgnoredDuringExecution"));
    Map<String, Object> term = ServingTrees.maps(required.get("nodeSelectorTerms")).get(0);
    return list(ServingTrees.maps(term.get("matchExpressions")).get(0).get("values"));
  }

  private static List<Object> keys(Object tolerations) {
    List<Object> keys = new ArrayList<>();
    ServingTrees.maps(tolerations).forEach(t -> keys.add(t.get("key")));
    return keys;
  }
}

package booster.translate;

import static booster.translate.ServingTrees.container;
import static booster.translate.ServingTrees.list;
import static booster.translate.ServingTrees.map;
import static booster.translate.ServingTrees.maps;
import static booster.translate.ServingTrees.podSpec;
import static booster.translate.ServingTrees.role;
import static booster.translate.ServingTrees.spec;
import static booster.translate.ServingTrees.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.TestSerialization;
import booster.api.ModelBooster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deliberate differences (docs/differences.md) on synthetic boosters, and loud failures on broken
 * preconditions.
 */
class ModelServingsTest {
  private static final String VLLM =
      """
      metadata: {name: m, namespace: ns, uid: u}
      spec:
        backend:
          name: b
          type: vLLM
          modelURI: hf://org/model
          minReplicas: 1
          maxReplicas: 2
          envFrom: [{secretRef: {name: s}}]
          workers:
            - type: server
              image: vllm:1
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms: [{matchExpressions: [{key: gpu, operator: In, values: [a100]}]}]
      """;
  private static final String PD =
      """
      metadata: {name: m, namespace: ns, uid: u}
      spec:
        backends:
          - name: first
            type: vLLM
            modelURI: hf://org/model
            minReplicas: 1
            maxReplicas: 1
            workers: [{type: server, image: vllm:1}]
          - name: b
            type: vLLMDisaggregated
            modelURI: hf://org/model
            cacheURI: pvc://model-cache
            minReplicas: 1
            maxReplicas: 1
            envFrom: [{secretRef: {name: s}}]
            loraAdapters: [{name: sql, artifactURL: hf://org/sql-lora}]
            workers:
              - type: prefill
                image: p:1
                affinity:
                  podAntiAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: z}}]
                config: {max-model-len: 1024}
              - type: decode
                image: d:1
                replicas: 3
                config: {max-model-len: null}
      """;

  private static ModelBooster booster(String yaml) {
    return TestSerialization.KUBERNETES.unmarshal(yaml, ModelBooster.class);
  }

  private static Map<String, Object> render(ModelBooster booster, int backend) {
    return Golden.tree(
        ModelServings.build(
            new BackendContext(
                booster,
                booster.getSpec().allBackends().get(backend),
                TranslatorConfig.defaults(KthenaProfile.V0_4))));
  }

  @Test
  void unsetSchedulerIsLeftOut() {
    assertFalse(
        spec(render(booster(VLLM), 0)).containsKey("schedulerName"), "unset scheduler left out");
  }

  @Test
  void workerDefaultsToOneReplicaAndOnePod() {
    Map<String, Object> role = role(render(booster(VLLM), 0), 0);
    assertEquals(1, role.get("replicas"), "absent worker replicas count 1");
    assertEquals(0, role.get("workerReplicas"));
    assertEquals(
        Map.of("leader", 1),
        map(template(render(booster(VLLM), 0)).get("gangPolicy")).get("minRoleReplicas"));
    List<Object> command = list(container(role, "entryTemplate", "engine").get("command"));
    assertEquals("python3", command.get(0), "one pod: no Ray, no shell");
  }

  @Test
  void workerAffinityReachesItsPodTemplates() {
    ModelBooster booster = booster(VLLM);
    Object affinity =
        Golden.tree(Map.of("a", booster.getSpec().getBackend().getWorkers().get(0).getAffinity()))
            .get("a");
    Map<String, Object> role = role(render(booster, 0), 0);
    assertEquals(
        affinity, podSpec(role, "entryTemplate").get("affinity"), "worker affinity applied");
    assertEquals(affinity, podSpec(role, "workerTemplate").get("affinity"));
  }

  /**
   * The v1.0 shape: a fixed replica count, runtime class and tolerations on every vLLM pod
   * template.
   */
  @Test
  void fixedReplicasRuntimeClassAndTolerationsReachTheVllmPods() {
    String yaml =
        edit(
            VLLM,
            "    minReplicas: 1\n    maxReplicas: 2\n",
            "    replicas: 3\n    runtimeClassName: nvidia\n");
    yaml =
        edit(
            yaml,
            "        image: vllm:1\n",
            "        image: vllm:1\n        pods: 2\n"
                + "        tolerations: [{key: gpu, operator: Exists, effect: NoSchedule}]\n");
    ModelBooster booster = booster(yaml);
    Map<String, Object> serving = render(booster, 0);
    assertEquals(3, spec(serving).get("replicas"));
    assertEquals(
        Map.of(Labels.APPLIED_REPLICAS, "3"), map(serving.get("metadata")).get("annotations"));
    for (String template : List.of("entryTemplate", "workerTemplate")) {
      Map<String, Object> pod = podSpec(role(serving, 0), template);
      assertEquals("nvidia", pod.get("runtimeClassName"), template);
      assertEquals(
          List.of(Map.of("key", "gpu", "operator", "Exists", "effect", "NoSchedule")),
          pod.get("tolerations"));
    }
  }

  /**
   * Only the prefill and decode entry pods run anything; each takes its own worker's tolerations.
   */
  @Test
  void disaggregatedRolesTakeTheirOwnTolerations() {
    String yaml = edit(PD, "max-model-len: null", "max-model-len: 2048");
    yaml = edit(yaml, "      envFrom:", "      runtimeClassName: kata\n      envFrom:");
    yaml =
        edit(
            yaml,
            "          image: d:1\n",
            "          image: d:1\n"
                + "          tolerations: [{key: pool, operator: Equal, value: decode}]\n");
    ModelBooster booster = booster(yaml);
    Map<String, Object> serving = render(booster, 1);
    Map<String, Object> prefill = podSpec(role(serving, 0), "entryTemplate");
    Map<String, Object> decode = podSpec(role(serving, 1), "entryTemplate");
    assertEquals("kata", prefill.get("runtimeClassName"));
    assertEquals("kata", decode.get("runtimeClassName"));
    assertFalse(prefill.containsKey("tolerations"));
    assertEquals(
        List.of(Map.of("key", "pool", "operator", "Equal", "value", "decode")),
        decode.get("tolerations"));
    assertEquals(
        Map.of("spec", Map.of("containers", List.of())), role(serving, 1).get("workerTemplate"));
  }

  /**
   * Nothing unset is written: no runtime class, no tolerations, no empty affinity (upstream v1.0
   * writes {}).
   */
  @Test
  void unsetPlacementIsLeftOut() {
    Map<String, Object> serving =
        render(booster(PD.replace("max-model-len: null", "max-model-len: 2048")), 1);
    Map<String, Object> decode = podSpec(role(serving, 1), "entryTemplate");
    for (String field : List.of("runtimeClassName", "tolerations", "affinity")) {
      assertFalse(decode.containsKey(field), field);
    }
    assertEquals(
        Map.of(Labels.APPLIED_REPLICAS, "1"), map(serving.get("metadata")).get("annotations"));
  }

  @Test
  void noCacheUriMountsAnEmptyDirAtModelsEverywhere() {
    Map<String, Object> role = role(render(booster(VLLM), 0), 0);
    for (String template : List.of("entryTemplate", "workerTemplate")) {
      Map<String, Object> pod = podSpec(role, template);
      assertEquals(
          Map.of("name", "b-weights", "emptyDir", Map.of()), maps(pod.get("volumes")).get(0));
      for (String containers : List.of("containers", "initContainers")) {
        for (Map<String, Object> c : maps(pod.get(containers))) {
          if (c.containsKey("volumeMounts")) {
            assertEquals(
                Map.of("name", "b-weights", "mountPath", "/models"),
                maps(c.get("volumeMounts")).get(0),
                "emptyDir mounted at /models: " + c.get("name"));
          }
        }
      }
    }
    List<Object> args =
        list(maps(podSpec(role, "entryTemplate").get("initContainers")).get(0).get("args"));
    assertEquals("/models/" + CacheVolume.md5Hex("hf://org/model"), args.get(3));
  }

  @Test
  void engineGetsNoEnvFromButRuntimesDo() {
    Map<String, Object> role = role(render(booster(VLLM), 0), 0);
    assertFalse(
        container(role, "entryTemplate", "engine").containsKey("envFrom"),
        "engine gets no envFrom");
    assertEquals(
        List.of(Map.of("secretRef", Map.of("name", "s"))),
        container(role, "entryTemplate", "runtime").get("envFrom"));
  }

  @Test
  void disaggregatedRolesUseTheirWorkers() {
    ModelBooster booster = booster(PD.replace("max-model-len: null", "max-model-len: 2048"));
    Map<String, Object> serving = render(booster, 1);
    assertEquals(
        Map.of("prefill", 1, "decode", 3),
        map(template(serving).get("gangPolicy")).get("minRoleReplicas"));
    Map<String, Object> prefill = role(serving, 0);
    Map<String, Object> decode = role(serving, 1);
    assertEquals(3, decode.get("replicas"));
    assertEquals(Map.of("spec", Map.of("containers", List.of())), decode.get("workerTemplate"));
    assertEquals(0, decode.get("workerReplicas"));
    assertTrue(
        podSpec(prefill, "entryTemplate").containsKey("affinity"), "worker affinity applied");
    assertFalse(podSpec(decode, "entryTemplate").containsKey("affinity"));
    assertEquals(
        "model-cache",
        map(maps(podSpec(prefill, "entryTemplate").get("volumes"))
                .get(0)
                .get("persistentVolumeClaim"))
            .get("claimName"),
        "pvc:// claim name without a slash");
    for (Map<String, Object> role : List.of(prefill, decode)) {
      assertEquals(
          List.of(Map.of("secretRef", Map.of("name", "s"))),
          container(role, "entryTemplate", "runtime").get("envFrom"),
          "both PD runtimes get envFrom");
      assertFalse(container(role, "entryTemplate", "vllm").containsKey("envFrom"));
    }
    assertTrue(list(container(decode, "entryTemplate", "vllm").get("command")).contains("2048"));
    // Legacy LoRA adapters reach both roles, as flags and as downloaders (docs/design.md §2.6).
    String loraDir = "/model-cache/" + CacheVolume.md5Hex("hf://org/sql-lora");
    for (Map<String, Object> role : List.of(prefill, decode)) {
      List<Object> command = list(container(role, "entryTemplate", "vllm").get("command"));
      assertEquals(
          List.of("--enable-lora", "--lora-modules", "sql=" + loraDir),
          command.subList(command.size() - 3, command.size()));
      assertEquals(
          List.of("m-model-downloader", "m-lora-downloader-0"),
          ServingTrees.names(podSpec(role, "entryTemplate").get("initContainers")));
    }
  }

  @Test
  void nullConfigValueFailsNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> render(booster(PD), 1));
    assertTrue(
        e.getMessage().startsWith("spec.backends[1].workers[1].config.max-model-len: "),
        e.getMessage());
  }

  @Test
  void violatedPreconditionsFailNamingTheField() {
    assertFails(VLLM.replace("type: server", "type: decode"), "spec.backend.workers: ");
    assertFails(VLLM.replace("type: vLLM", "type: SGLang"), "spec.backend.type: ");
    assertFails(VLLM.replace("    minReplicas: 1\n", ""), "spec.backend.replicas: ");
    assertFails(
        VLLM.replace("workers:", "cacheURI: nfs://server/x\n    workers:"),
        "spec.backend.cacheURI: ");
    assertFails(
        VLLM.replace("image: vllm:1", "image: vllm:1\n        pods: 0"),
        "spec.backend.workers[0].pods: ");
    assertFails(PD.replace("type: decode", "type: server"), "spec.backends[1].workers: ");
    // pods do not apply to prefill and decode workers: upstream's PD template gives each role one
    // entry pod
    ModelBooster decodeWithoutPods =
        booster(PD.replace("image: d:1", "image: d:1\n          pods: 0").replace("null", "1"));
    assertEquals(0, role(render(decodeWithoutPods, 1), 1).get("workerReplicas"));
  }

  /** Replaces text that must be there, so an edit can never silently do nothing. */
  private static String edit(String yaml, String from, String to) {
    assertTrue(yaml.contains(from), "no '" + from + "' in the base booster");
    return yaml.replace(from, to);
  }

  private static void assertFails(String yaml, String prefix) {
    ModelBooster booster = booster(yaml);
    int last = booster.getSpec().allBackends().size() - 1;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> render(booster, last));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}

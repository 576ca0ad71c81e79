package booster.translate;

import static booster.translate.ServingTrees.container;
import static booster.translate.ServingTrees.list;
import static booster.translate.ServingTrees.map;
import static booster.translate.ServingTrees.maps;
import static booster.translate.ServingTrees.named;
import static booster.translate.ServingTrees.names;
import static booster.translate.ServingTrees.podLabels;
import static booster.translate.ServingTrees.podSpec;
import static booster.translate.ServingTrees.role;
import static booster.translate.ServingTrees.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.KvConnectors;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The v0.4.0 and v1.0.0 ModelServing golden cases, reproduced exactly after masking only the
 * differences docs/differences.md lists (each mask checks what our side holds before it removes
 * anything); and the v0.1.0 cases checked against the legacy mapping onto the v0.4.0 templates
 * (docs/design.md §2.6). Each tag renders in the profile of its release.
 */
class ModelServingGoldenTest {
  private static final String V4 = "v0.4.0";
  private static final String V10 = "v1.0.0";
  private static final String V1 = "v0.1.0";

  @ParameterizedTest
  @ValueSource(strings = {V4, V10})
  void multiNodeVllmMatchesGolden(String tag) {
    ModelBooster booster = Golden.input(tag, "model.yaml");
    Map<String, Object> expected = Golden.expected(tag, "model-serving.yaml");
    Map<String, Object> actual = render(booster, tag);

    maskLabelsAndOwner(tag, booster, expected, actual);
    // The v0.4.0 ModelServing type has no topologySpreadConstraints; upstream's decoder drops it.
    Golden.remove(expected, "spec", "topologySpreadConstraints");
    // The server worker sets no replicas; upstream wrote 0 (a role that never runs), we default 1
    // (design.md §2.6).
    assertNull(booster.getSpec().getBackend().getWorkers().get(0).getReplicas());
    maskDefaultedReplicas(expected, actual, 0, "leader");
    // The Ray script is shell-quoted (docs/design.md §2.5); both scripts must give the same argv.
    maskShellQuoting(expected, actual);
    // An unset scheduler needs no mask: typed equality treats upstream's "" as unset, and we leave
    // the field out.
    assertFalse(spec(actual).containsKey("schedulerName"));

    assertEquals(List.of(), Golden.differences(expected, actual));
  }

  /**
   * PD on Ascend (no pip wrapper) and PD on NVIDIA with MooncakeConnector (pip wrapper in bash -c).
   */
  @ParameterizedTest
  @CsvSource({
    "v0.4.0, pd-disaggregated-model-npu.yaml, disaggregated-model-serving.yaml, false",
    "v0.4.0, pd-disaggregated-model-mooncake.yaml, disaggregated-model-serving-mooncake.yaml, true",
    "v1.0.0, pd-disaggregated-model-npu.yaml, disaggregated-model-serving.yaml, false",
    "v1.0.0, pd-disaggregated-model-mooncake.yaml, disaggregated-model-serving-mooncake.yaml, true"
  })
  void disaggregatedMatchesGolden(String tag, String input, String expectedFile, boolean wrapped) {
    ModelBooster booster = Golden.input(tag, input);
    Map<String, Object> expected = Golden.expected(tag, expectedFile);
    Map<String, Object> actual = render(booster, tag);

    maskLabelsAndOwner(tag, booster, expected, actual);
    maskPrefillRuntimeEnvFrom(booster, expected, actual);
    if (wrapped) {
      // The pip wrapper's script is shell-quoted, so the JSON keeps its double quotes (upstream's
      // unquoted line loses them in bash); compared as argv.
      maskShellQuoting(expected, actual);
    }
    assertEquals("volcano", spec(actual).get("schedulerName"));

    assertEquals(List.of(), Golden.differences(expected, actual));
  }

  @Test
  void renderingIsDeterministic() {
    ModelBooster booster = Golden.input(V4, "model.yaml");
    assertEquals(
        Golden.tree(render(booster, V4)), Golden.tree(render(Golden.input(V4, "model.yaml"), V4)));
  }

  /**
   * A legacy backend with LoRA gets the v0.4.0 template plus LoRA downloaders and flags
   * (docs/design.md §2.6).
   */
  @Test
  void legacyVllmWithLoraFollowsTheLegacyMapping() {
    ModelBooster booster = Golden.input(V1, "model.yaml");
    Map<String, Object> v1 = Golden.expected(V1, "model-serving.yaml");
    Map<String, Object> actual = render(booster, V1);

    // 2.9: model and LoRA downloaders exactly as v0.1.0 wrote them (the LoRA downloader gets all
    // backend env), in
    // the entry and the worker template.
    for (String template : List.of("entryTemplate", "workerTemplate")) {
      assertEquals(
          List.of(),
          Golden.differences(
              podSpec(role(v1, 0), template).get("initContainers"),
              podSpec(role(actual, 0), template).get("initContainers")),
          template);
    }
    Object loraDownloader =
        named(
            podSpec(role(actual, 0), "entryTemplate").get("initContainers"),
            "test-model-lora-downloader-0");
    List<String> backendEnv =
        booster.getSpec().getBackends().get(0).getEnv().stream().map(e -> e.getName()).toList();
    assertEquals(backendEnv, names(map(loraDownloader).get("env")));

    // 2.4 step 5: the LoRA flags v0.1.0 appended after the bash -c script (where the shell ignored
    // them) are now
    // inside the script, as arguments of the engine.
    List<Object> v1Command = list(container(role(v1, 0), "entryTemplate", "engine").get("command"));
    List<Object> v1Lora = v1Command.subList(v1Command.indexOf("--enable-lora"), v1Command.size());
    List<Object> command =
        list(container(role(actual, 0), "entryTemplate", "engine").get("command"));
    assertEquals(3, command.size(), "no argument may trail the bash -c script: " + command);
    List<String> engineArgv = lastCommand(ShellWords.split((String) command.get(2)));
    assertEquals(
        v1Lora,
        List.copyOf(
            engineArgv.subList(
                engineArgv.indexOf("--enable-lora"),
                engineArgv.indexOf("--enable-lora") + v1Lora.size())));

    // v0.4.0 template features instead of v0.1.0's.
    assertEquals("python3", engineArgv.get(0));
    assertFalse(engineArgv.contains("--kv-events-config"));
    assertTrue(
        ((String) command.get(2))
            .startsWith("chmod u+x " + EngineCommand.MULTI_NODE_SCRIPT + " && "));
    assertEquals(
        180, probe(container(role(actual, 0), "entryTemplate", "engine"), "readinessProbe"));
    assertTrue(names(podSpec(role(actual, 0), "entryTemplate").get("volumes")).contains("dshm"));
    assertEquals(
        booster.getMetadata().getUid(),
        podLabels(role(actual, 0), "workerTemplate").get(Labels.MODEL_UID));
    assertFalse(spec(actual).containsKey("topologySpreadConstraints"));
  }

  /**
   * A legacy PD backend gets the v0.4.0 PD template: labelled, routable pods, no NPU pinning
   * (design.md §2.6).
   */
  @Test
  void legacyDisaggregatedFollowsTheLegacyMapping() {
    ModelBooster booster = Golden.input(V1, "pd-disaggregated-model.yaml");
    ModelBackend backend = booster.getSpec().getBackends().get(0);
    Map<String, Object> v1 = Golden.expected(V1, "disaggregated-model-serving.yaml");
    Map<String, Object> actual = render(booster, V1);

    for (int role = 0; role < 2; role++) {
      assertTrue(
          podSpec(role(v1, role), "entryTemplate").containsKey("affinity"),
          "v0.1.0 pinned to Ascend");
      assertFalse(podSpec(role(actual, role), "entryTemplate").containsKey("affinity"));
      assertFalse(entryHasLabels(v1, role), "v0.1.0 PD pods had no labels");
      assertEquals(
          booster.getMetadata().getUid(),
          podLabels(role(actual, role), "entryTemplate").get(Labels.MODEL_UID));
      Map<String, Object> vllm = container(role(actual, role), "entryTemplate", "vllm");
      List<Object> command = list(vllm.get("command"));
      assertEquals("python3", command.get(0));
      assertFalse(command.contains("--kv-events-config"));
      String transfer =
          backend.getWorkers().get(role).getConfig().get(KvConnectors.CONFIG_KEY).asString();
      assertEquals(transfer, command.get(command.indexOf("--kv-transfer-config") + 1));
      assertEquals(180, probe(vllm, "livenessProbe"));
      assertEquals(
          Golden.tree(Map.of("envFrom", backend.getEnvFrom())).get("envFrom"),
          container(role(actual, role), "entryTemplate", "runtime").get("envFrom"));
    }
  }

  /**
   * The first backend's ModelServing, in the profile of the tag's release (v0.1.0 and v0.4.0:
   * profile v0.4).
   */
  static Map<String, Object> render(ModelBooster booster, String tag) {
    ModelBackend backend = booster.getSpec().allBackends().get(0);
    KthenaProfile profile = tag.equals(V10) ? KthenaProfile.V1_0 : KthenaProfile.V0_4;
    return Golden.tree(
        ModelServings.build(
            new BackendContext(booster, backend, TranslatorConfig.defaults(profile))));
  }

  // ---- masks, one per deliberate difference
  // -------------------------------------------------------------------

  private static void maskLabelsAndOwner(
      String tag, ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
    // Revision, seed label and applied-replicas annotation on the object itself: the masks every
    // ModelServing golden
    // test shares; the owner mask only before v1.0.0, which writes controller owner references
    // itself.
    List<Masks> masks =
        new ArrayList<>(
            List.of(Masks.REVISION_DIGEST, Masks.SEED_LABEL, Masks.APPLIED_REPLICAS_ANNOTATION));
    if (tag.equals(V10)) {
      Map<String, Object> owner =
          Masks.list(Masks.map(expected, "metadata").get("ownerReferences")).get(0);
      assertEquals(
          List.of(true, true), List.of(owner.get("controller"), owner.get("blockOwnerDeletion")));
      maskEmptyAffinity(expected, actual);
    } else {
      masks.add(Masks.CONTROLLER_OWNER_REFERENCE);
    }
    for (Masks mask : masks) {
      mask.apply(booster, expected, actual);
    }
    // Revision and seed label on the pod templates, which carry the object's labels (only where
    // upstream's do).
    List<Map<String, Object>> expectedLabels = podLabelMaps(expected);
    List<Map<String, Object>> actualLabels = podLabelMaps(actual);
    assertEquals(expectedLabels.size(), actualLabels.size(), "labelled pod templates");
    for (Map<String, Object> labels : actualLabels) {
      assertTrue(
          String.valueOf(labels.remove(Labels.REVISION)).matches("[4-9bcdf]{1,10}"),
          labels.toString());
    }
    for (Map<String, Object> labels : expectedLabels) {
      labels.remove(Labels.REVISION);
      labels.put(Labels.SEED_MANAGED_BY, Labels.SEED_MANAGED_BY_VALUE);
    }
  }

  /**
   * v1.0.0 writes {@code affinity: {}} into every entry and worker pod template whose worker sets
   * none; we leave it out (docs/differences.md). Both mean no constraint; Go's typed comparison
   * would still tell them apart, so the step is explicit, although our normal form drops empty maps
   * anyway.
   */
  private static void maskEmptyAffinity(Map<String, Object> expected, Map<String, Object> actual) {
    int masked = 0;
    for (Map<String, Object> role : maps(map(spec(expected).get("template")).get("roles"))) {
      for (String template : List.of("entryTemplate", "workerTemplate")) {
        Map<String, Object> pod = podSpec(role, template);
        if (pod.containsKey("affinity")) {
          assertEquals(Map.of(), pod.remove("affinity"), template);
          masked++;
        }
      }
    }
    assertTrue(masked > 0, "upstream v1.0.0 writes an empty affinity");
    for (Map<String, Object> role : maps(map(spec(actual).get("template")).get("roles"))) {
      for (String template : List.of("entryTemplate", "workerTemplate")) {
        assertFalse(podSpec(role, template).containsKey("affinity"), template);
      }
    }
  }

  /**
   * A worker without replicas counts 1 (upstream: 0) in its role and its gang minimum
   * (docs/design.md §2.6).
   */
  private static void maskDefaultedReplicas(
      Map<String, Object> expected, Map<String, Object> actual, int role, String roleName) {
    assertEquals(0, ((Number) role(expected, role).getOrDefault("replicas", 0)).intValue());
    assertEquals(1, role(actual, role).remove("replicas"));
    role(expected, role).remove("replicas");
    Map<String, Object> expectedMinimums = minRoleReplicas(expected);
    assertEquals(0, ((Number) expectedMinimums.getOrDefault(roleName, 0)).intValue());
    assertEquals(1, minRoleReplicas(actual).remove(roleName));
    expectedMinimums.remove(roleName);
  }

  /**
   * Upstream joined the argv with single spaces, unquoted; we single-quote every engine argument
   * (design.md §2.5). Each differing {@code bash -c} script must split (POSIX sh word rules) into
   * exactly upstream's words; then upstream's text replaces ours.
   */
  private static void maskShellQuoting(Map<String, Object> expected, Map<String, Object> actual) {
    List<Map<String, Object>> expectedContainers = allContainers(expected);
    List<Map<String, Object>> actualContainers = allContainers(actual);
    assertEquals(expectedContainers.size(), actualContainers.size());
    int masked = 0;
    for (int i = 0; i < expectedContainers.size(); i++) {
      List<Object> want = list(expectedContainers.get(i).get("command"));
      List<Object> got = list(actualContainers.get(i).get("command"));
      if (want != null && want.size() == 3 && want.get(0).equals("bash") && !want.equals(got)) {
        assertEquals(want.subList(0, 2), got.subList(0, 2));
        List<String> upstreamWords = List.of(((String) want.get(2)).trim().split(" +"));
        assertEquals(upstreamWords, ShellWords.split((String) got.get(2)));
        got.set(2, want.get(2));
        masked++;
      }
    }
    assertTrue(masked > 0, "expected at least one quoted script");
  }

  /**
   * The prefill runtime gets the backend's envFrom too (upstream: decode only; docs/design.md
   * §2.6).
   */
  private static void maskPrefillRuntimeEnvFrom(
      ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
    assertFalse(container(role(expected, 0), "entryTemplate", "runtime").containsKey("envFrom"));
    Object envFrom = container(role(actual, 0), "entryTemplate", "runtime").remove("envFrom");
    assertEquals(
        Golden.tree(Map.of("envFrom", booster.getSpec().getBackend().getEnvFrom())).get("envFrom"),
        envFrom);
  }

  // ---- tree navigation
  // ------------------------------------------------------------------------------------------

  private static List<Map<String, Object>> podLabelMaps(Map<String, Object> tree) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> role : maps(map(spec(tree).get("template")).get("roles"))) {
      for (String template : List.of("entryTemplate", "workerTemplate")) {
        Object metadata = map(role.get(template)).get("metadata");
        if (metadata != null && map(metadata).get("labels") != null) {
          out.add(map(map(metadata).get("labels")));
        }
      }
    }
    return out;
  }

  private static boolean entryHasLabels(Map<String, Object> tree, int role) {
    Object metadata = map(role(tree, role).get("entryTemplate")).get("metadata");
    return metadata != null && map(metadata).get("labels") != null;
  }

  private static List<Map<String, Object>> allContainers(Map<String, Object> tree) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> role : maps(map(spec(tree).get("template")).get("roles"))) {
      for (String template : List.of("entryTemplate", "workerTemplate")) {
        Map<String, Object> pod = map(role.get(template));
        if (pod != null && pod.get("spec") != null) {
          out.addAll(maps(map(pod.get("spec")).get("containers")));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> minRoleReplicas(Map<String, Object> tree) {
    return map(map(map(spec(tree).get("template")).get("gangPolicy")).get("minRoleReplicas"));
  }

  private static Object probe(Map<String, Object> container, String probe) {
    return map(container.get(probe)).get("initialDelaySeconds");
  }

  /** The words of the last command of an {@code a && b && c} line. */
  private static List<String> lastCommand(List<String> words) {
    return words.subList(words.lastIndexOf("&&") + 1, words.size());
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cli.PluginFixture.Result;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.cluster.Trees;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiffCommandTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private final PluginFixture plugin = new PluginFixture(cluster);
  private final Seeds seeds = new Seeds(cluster);
  private final String manifest = read("examples/single-gpu.yaml");

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Result diff(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "diff";
    System.arraycopy(args, 0, all, 1, args.length);
    return plugin.run(env, manifest, Instant.now(), all);
  }

  /** Creates the booster with the plugin, then its children as the operator would apply them. */
  private ModelBooster applied() {
    return plugin.createWithChildren(manifest, "qwen-chat");
  }

  private GenericKubernetesResource serving() {
    return Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .withName("qwen-chat-gpu")
        .get();
  }

  @Test
  void aBoosterNotYetCreatedIsAllAdditions() {
    Result r = diff(Map.of(), "-f", "-");
    assertEquals(1, r.exit(), r.err());
    String ns = cluster.namespace();
    assertTrue(
        r.out().contains("workload.serving.volcano.sh.v1alpha1.ModelBooster." + ns + ".qwen-chat"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "workload.serving.volcano.sh.v1alpha1.ModelServing." + ns + ".qwen-chat-gpu"));
    assertTrue(
        r.out().contains("networking.serving.volcano.sh.v1alpha1.ModelRoute." + ns + ".qwen-chat"));
    assertTrue(r.out().contains("\n+kind: ModelServing\n"), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("-") && !l.startsWith("---")), r.out());
  }

  @Test
  void noChangeExitsZeroWithNoOutput() {
    applied();
    Result fromFile = diff(Map.of(), "-f", "-");
    assertEquals(0, fromFile.exit(), fromFile.out() + fromFile.err());
    assertEquals("", fromFile.out());
    Result stored = diff(Map.of(), "qwen-chat");
    assertEquals(0, stored.exit(), stored.out() + stored.err());
  }

  /**
   * A real API server returns a custom resource's map keys sorted (it decodes into Go maps), while
   * the example lists {@code workers[].config} unsorted: the same booster, not a change, for diff
   * and for create --apply.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aBoosterStoredWithSortedKeysIsUnchanged() {
    applied();
    GenericKubernetesResource stored =
        Kinds.genericBoosters(cluster.client())
            .inNamespace(cluster.namespace())
            .withName("qwen-chat")
            .get();
    Map<String, Object> backend = stored.get("spec", "backend");
    Map<String, Object> config =
        ((List<Map<String, Map<String, Object>>>) backend.get("workers")).get(0).get("config");
    assertTrue(
        config.size() > 1
            && !new java.util.ArrayList<>(config.keySet())
                .equals(config.keySet().stream().sorted().toList()),
        "the example's config keys are unsorted: " + config.keySet());
    Kinds.genericBoosters(cluster.client())
        .inNamespace(cluster.namespace())
        .resource(sortedKeys(stored))
        .update();
    cluster.resetWrites();

    Result r = diff(Map.of(), "-f", "-");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals("", r.out());
    Result apply = plugin.run(Map.of(), manifest, Instant.now(), "create", "-f", "-", "--apply");
    assertEquals(
        "modelbooster.workload.serving.volcano.sh/qwen-chat unchanged\n", apply.out(), apply.err());
    assertEquals(List.of(), cluster.writes());
  }

  /** A copy whose every map has its keys in sorted order, as a Go API server writes JSON. */
  private static GenericKubernetesResource sortedKeys(GenericKubernetesResource object) {
    Object sorted = sortKeys(Trees.of(object));
    return Trees.SERIALIZATION.convertValue(sorted, GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static Object sortKeys(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      new java.util.TreeMap<>((Map<String, Object>) map).forEach((k, v) -> out.put(k, sortKeys(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(DiffCommandTest::sortKeys).toList();
    }
    return value;
  }

  @Test
  void aHandEditedFieldIsShownAndExitsOne() {
    applied();
    GenericKubernetesResource serving = serving();
    Map<String, Object> template = serving.get("spec", "template");
    template.put("restartGracePeriodSeconds", 5);
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .resource(serving)
        .update();
    Result r = diff(Map.of(), "qwen-chat");
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains("\n-    restartGracePeriodSeconds: 5\n+    restartGracePeriodSeconds: 60\n"),
        r.out());
    assertTrue(r.out().contains("ModelServing." + cluster.namespace() + ".qwen-chat-gpu"), r.out());
  }

  @Test
  void replicasSetByAnotherWriterAreNoDifference() {
    applied();
    GenericKubernetesResource serving = serving();
    Map<String, Object> spec = serving.get("spec");
    spec.put("replicas", 5);
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .resource(serving)
        .update();
    Result r = diff(Map.of(), "qwen-chat");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals("", r.out());
  }

  @Test
  void aStaleChildIsShownAsADeletion() {
    ModelBooster booster = applied();
    seeds.child(ChildKind.MODEL_SERVER, booster, "qwen-chat-renamed", Map.of("model", "old"));
    Result r = diff(Map.of(), "-f", "-");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().contains("-kind: ModelServer\n"), r.out());
    assertTrue(r.out().contains("-  name: qwen-chat-renamed\n"), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("+") && !l.startsWith("+++")), r.out());
  }

  @Test
  void anImmutableChangeIsMarked() {
    applied();
    GenericKubernetesResource serving = serving();
    Map<String, Object> template = serving.get("spec", "template");
    template.put("gangPolicy", Map.of("minRoleReplicas", Map.of("server", 7)));
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .resource(serving)
        .update();
    Result r = diff(Map.of(), "qwen-chat");
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err()
            .contains(
                "Warning: ModelServing/qwen-chat-gpu: spec.template.gangPolicy.minRoleReplicas"),
        r.err());
  }

  @Test
  void kubectlExternalDiffGetsTheTwoDirectories() {
    applied();
    seeds.child(
        ChildKind.MODEL_SERVER,
        Kinds.boosters(cluster.client())
            .inNamespace(cluster.namespace())
            .withName("qwen-chat")
            .get(),
        "stale",
        Map.of("model", "old"));
    Result r = diff(Map.of("KUBECTL_EXTERNAL_DIFF", "ls -1"), "qwen-chat");
    assertEquals(0, r.exit(), r.err());
    String file =
        "networking.serving.volcano.sh.v1alpha1.ModelServer." + cluster.namespace() + ".stale";
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches(".*LIVE-[^/]*:"), r.out());
    assertEquals(file, lines.get(1), r.out());
    assertTrue(r.out().contains("MERGED-"), r.out());
  }

  @Test
  void missingStoredBoosterIsAnErrorAboveOne() {
    Result r = diff(Map.of(), "nope");
    assertEquals(2, r.exit());
    assertEquals(
        "Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"nope\" not found\n",
        r.err());
  }
}

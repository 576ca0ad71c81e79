package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cli.PluginFixture.Result;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreateCommandOnClusterTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private final PluginFixture plugin = new PluginFixture(cluster);
  private final Seeds seeds = new Seeds(cluster);

  private static String example() throws Exception {
    return Files.readString(Path.of("examples/single-gpu.yaml"));
  }

  private Result create(String manifest, String... flags) {
    String[] args = new String[flags.length + 3];
    args[0] = "create";
    args[1] = "-f";
    args[2] = "-";
    System.arraycopy(flags, 0, args, 3, flags.length);
    return plugin.run(Map.of(), manifest, Instant.now(), args);
  }

  private ModelBooster stored(String name) {
    return Kinds.boosters(cluster.client()).inNamespace(cluster.namespace()).withName(name).get();
  }

  @Test
  void createsInTheContextsNamespaceAndRefusesADuplicateUnlessApply() throws Exception {
    Result first = create(example());
    assertEquals(0, first.exit(), first.err());
    assertEquals("modelbooster.workload.serving.volcano.sh/qwen-chat created\n", first.out());
    assertNotNull(stored("qwen-chat"));

    Result again = create(example());
    assertEquals(1, again.exit());
    assertEquals(
        "Error from server (AlreadyExists): modelboosters.workload.serving.volcano.sh \"qwen-chat\" "
            + "already exists (use --apply to update it)\n",
        again.err());

    cluster.resetWrites();
    Result same = create(example(), "--apply");
    assertEquals(
        "modelbooster.workload.serving.volcano.sh/qwen-chat unchanged\n", same.out(), same.err());
    assertEquals(List.of(), cluster.writes(), "an unchanged booster is not written");

    Result changed =
        create(example().replace("max-model-len: 8192", "max-model-len: 4096"), "--apply");
    assertEquals(
        "modelbooster.workload.serving.volcano.sh/qwen-chat configured\n",
        changed.out(),
        changed.err());
    assertEquals(
        4096,
        stored("qwen-chat")
            .getSpec()
            .getBackend()
            .getWorkers()
            .get(0)
            .getConfig()
            .get("max-model-len")
            .asInt());
  }

  @Test
  void serverDryRunSendsDryRunAll() throws Exception {
    Result r = create(example(), "--dry-run=server", "-o", "name");
    assertEquals(0, r.exit(), r.err());
    assertEquals("modelbooster.workload.serving.volcano.sh/qwen-chat\n", r.out());
    assertEquals(1, cluster.writes().size(), cluster.writes().toString());
    assertTrue(
        cluster
            .writes()
            .get(0)
            .startsWith(
                "POST /apis/workload.serving.volcano.sh/v1alpha1/namespaces/"
                    + cluster.namespace()
                    + "/modelboosters?dryRun=All"),
        cluster.writes().toString());
    assertNull(stored("qwen-chat"));
  }

  @Test
  void aBoosterTheServerRejectsCreatesNoneAndEveryRejectionIsReported() throws Exception {
    String manifest =
        example()
            + "\n---\n"
            + example().replace("name: qwen-chat", "name: second")
            + "\n---\n"
            + example().replace("name: qwen-chat", "name: third");
    cluster.rejectWrites(
        "\"name\":\"second\"",
        new StatusBuilder()
            .withCode(422)
            .withReason("Invalid")
            .withMessage("spec: Invalid value: \"object\": rejected by a CEL rule")
            .build());
    cluster.rejectWrites(
        "\"name\":\"third\"",
        new StatusBuilder()
            .withCode(403)
            .withReason("Forbidden")
            .withMessage("admission webhook \"quota.example\" denied the request")
            .build());
    Result r = create(manifest);
    assertEquals(1, r.exit(), r.out());
    assertEquals("", r.out());
    assertEquals(
        List.of(
            "Error from server (Invalid): spec: Invalid value: \"object\": rejected by a CEL rule (-: ModelBooster \"second\")",
            "Error from server (Forbidden): admission webhook \"quota.example\" denied the request "
                + "(-: ModelBooster \"third\")"),
        r.err().lines().toList());
    assertNull(stored("qwen-chat"), "the booster before the rejected one is not created");
    assertTrue(
        cluster.writes().stream().allMatch(w -> w.contains("dryRun=All")),
        cluster.writes().toString());
  }

  @Test
  void waitHasOneDeadlineForAllBoosters() throws Exception {
    String manifest = example() + "\n---\n" + example().replace("name: qwen-chat", "name: second");
    long start = System.nanoTime();
    Result r = create(manifest, "--wait=3s");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(1, r.exit());
    assertTrue(
        r.err()
            .contains("timed out waiting for modelbooster.workload.serving.volcano.sh/qwen-chat"),
        r.err());
    assertTrue(
        r.err().contains("timed out waiting for modelbooster.workload.serving.volcano.sh/second"),
        r.err());
    // Waiting 3 s per booster would take at least 6 s.
    assertTrue(seconds < 6, "took " + seconds + " s");
  }

  /**
   * The progress line says how long it waited of how long it may, and asks for the operator when
   * nothing reconciles.
   */
  @Test
  void waitShowsElapsedOfTimeoutAndAsksWhetherTheOperatorRuns() throws Exception {
    Result r = create(example(), "--wait=3s");
    assertEquals(1, r.exit());
    List<String> progress =
        r.out().lines().filter(l -> l.startsWith("qwen-chat: waiting for Active (")).toList();
    assertTrue(
        progress
            .get(0)
            .matches(
                "qwen-chat: waiting for Active \\(0s of 3s\\): children 0/3, ModelServings "
                    + "available 0/0 \\(not reconciled yet\\)"),
        progress.toString());
    assertTrue(
        progress.stream()
            .anyMatch(
                l ->
                    l.matches(
                        ".* \\([12]s of 3s\\): .*; not reconciled for [12]s: is the "
                            + "operator running\\? \\(kubectl get pods -A -l app.kubernetes.io/name=booster-operator\\)")),
        r.out());
    assertTrue(
        r.err()
            .startsWith(
                "error: timed out waiting for modelbooster.workload.serving.volcano.sh/qwen-chat to "
                    + "become Active (qwen-chat: waiting for Active (3s of 3s)"),
        r.err());
    assertTrue(r.err().contains("is the operator running?"), r.err());
  }

  @Test
  void clientDryRunNeedsNoCluster() throws Exception {
    Result r =
        plugin.run(
            Map.of(),
            example(),
            Instant.now(),
            "create",
            "-f",
            "-",
            "--dry-run=client",
            "-o",
            "name",
            "--kubeconfig",
            "/no/such/file");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "modelbooster.workload.serving.volcano.sh/qwen-chat\n"
                    + "modelserving.workload.serving.volcano.sh/qwen-chat-gpu\n"),
        r.out());
    assertEquals(List.of(), cluster.writes());
  }

  /**
   * As kubectl's client dry run: the kubeconfig context's namespace, without contacting its server.
   */
  @Test
  void clientDryRunRendersIntoTheContextsNamespace() throws Exception {
    Map<String, String> namespaces = new java.util.LinkedHashMap<>();
    for (List<String> flags :
        List.of(
            List.<String>of(),
            List.of("--context", "elsewhere"),
            List.of("--context", "dead"),
            List.of("--context", "dead", "-n", "chosen"),
            List.of("--kubeconfig", "/no/such/file"))) {
      List<String> args =
          new java.util.ArrayList<>(List.of("create", "-f", "-", "--dry-run=client", "-o", "json"));
      args.addAll(flags);
      Result r = plugin.run(Map.of(), example(), Instant.now(), args.toArray(String[]::new));
      assertEquals(0, r.exit(), flags + ": " + r.err());
      List<String> rendered = new java.util.ArrayList<>();
      Cli.json(r.out())
          .path("items")
          .forEach(o -> rendered.add(o.path("metadata").path("namespace").asString()));
      assertEquals(1, rendered.stream().distinct().count(), flags + ": " + rendered);
      namespaces.put(String.join(" ", flags), rendered.get(0));
    }
    assertEquals(
        Map.of(
            "",
            cluster.namespace(),
            "--context elsewhere",
            "elsewhere",
            "--context dead",
            cluster.namespace(),
            "--context dead -n chosen",
            "chosen",
            "--kubeconfig /no/such/file",
            "default"),
        namespaces);
    assertEquals(List.of(), cluster.writes());
    Result missing =
        plugin.run(
            Map.of(),
            example(),
            Instant.now(),
            "create",
            "-f",
            "-",
            "--dry-run=client",
            "--context",
            "nope");
    assertEquals(1, missing.exit(), missing.out());
    assertEquals("error: context \"nope\" does not exist\n", missing.err());
  }

  /**
   * The same booster in two files passes every check, so it must be refused before the first write.
   */
  @Test
  void theSameBoosterInTwoFilesWritesNothing(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path first = Files.writeString(dir.resolve("first.yaml"), example());
    Path second =
        Files.writeString(
            dir.resolve("second.yaml"),
            example().replace("max-model-len: 8192", "max-model-len: 4096"));
    for (List<String> flags : List.of(List.<String>of(), List.of("--apply"))) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of("create", "-f", first.toString(), "-f", second.toString()));
      args.addAll(flags);
      Result r = plugin.run(Instant.now(), args.toArray(String[]::new));
      assertEquals(1, r.exit(), flags + ": " + r.out());
      assertEquals(
          "error: "
              + second
              + ": ModelBooster \"qwen-chat\": also given in "
              + first
              + " (namespace \""
              + cluster.namespace()
              + "\"); give each booster once\n",
          r.err());
      assertEquals(List.of(), cluster.writes(), flags.toString());
      assertNull(stored("qwen-chat"));
    }
  }

  @Test
  void oneInvalidBoosterCreatesNone() throws Exception {
    String second =
        example()
            .replace("name: qwen-chat", "name: second")
            .replace("minReplicas: 1", "minReplicas: 3");
    Result r = create(example() + "\n---\n" + second);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ModelBooster \"second\""), r.err());
    assertTrue(r.err().contains("spec.backend.minReplicas"), r.err());
    assertEquals(List.of(), cluster.writes());
    assertNull(stored("qwen-chat"));
  }

  @Test
  void waitEndsWhenTheBoosterIsActive() throws Exception {
    CompletableFuture<Void> operator =
        CompletableFuture.runAsync(() -> report("Active", "True", "ModelAvailable"));
    Result r = create(example(), "--wait=20s");
    operator.get(20, TimeUnit.SECONDS);
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().startsWith("modelbooster.workload.serving.volcano.sh/qwen-chat created\n"),
        r.out());
    assertTrue(
        r.out().endsWith("modelbooster.workload.serving.volcano.sh/qwen-chat is Active\n"),
        r.out());
  }

  /**
   * Active on the booster is not enough while a ModelServing still describes an older generation
   * (an operator that lags or predates the rollout rule): --wait ends only once the ModelServing
   * controller caught up.
   */
  @Test
  void waitEndsOnlyOnceTheModelServingsRolledOut() throws Exception {
    CompletableFuture<Result> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return create(example(), "--wait=30s");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ModelBooster booster = awaitStored();
    GenericKubernetesResource serving =
        seeds.child(ChildKind.MODEL_SERVING, booster, "qwen-chat-gpu", Map.of("replicas", 1));
    seeds.servingStatus(serving, 1, "True", "AllGroupsReady");
    serving =
        Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
            .inNamespace(cluster.namespace())
            .withName("qwen-chat-gpu")
            .edit(
                s -> {
                  s.setAdditionalProperty(
                      "spec", Map.of("replicas", 1, "template", Map.of("image", "v2")));
                  return s;
                });
    assertEquals(2L, serving.getMetadata().getGeneration(), "the spec change is generation 2");
    seeds.status(
        booster,
        booster.getMetadata().getGeneration(),
        List.of(List.of("Active", "True", "ModelAvailable", "set by the test")));
    Thread.sleep(1500);
    assertTrue(
        !waiting.isDone(),
        "ended while the ModelServing's status describes generation 1: "
            + (waiting.isDone() ? waiting.get() : ""));
    seeds.servingStatus(serving, 1, "True", "AllGroupsReady");
    Result r = waiting.get(30, TimeUnit.SECONDS);
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().endsWith("modelbooster.workload.serving.volcano.sh/qwen-chat is Active\n"),
        r.out());
  }

  private ModelBooster awaitStored() {
    for (int i = 0; i < 200; i++) {
      ModelBooster booster = stored("qwen-chat");
      if (booster != null) {
        return booster;
      }
      sleep();
    }
    throw new AssertionError("the plugin never created the booster");
  }

  @Test
  void waitFailsWithTheReason() throws Exception {
    CompletableFuture<Void> operator =
        CompletableFuture.runAsync(() -> report("Failed", "True", "ResourceExists"));
    Result r = create(example(), "--wait=20s");
    operator.get(20, TimeUnit.SECONDS);
    assertEquals(1, r.exit());
    assertEquals(
        "error: modelbooster.workload.serving.volcano.sh/qwen-chat failed: ResourceExists: set by the test\n",
        r.err());
  }

  /** Plays the operator: once the booster exists, writes one condition for its generation. */
  private void report(String type, String status, String reason) {
    ModelBooster booster = null;
    for (int i = 0; i < 200 && booster == null; i++) {
      booster = stored("qwen-chat");
      sleep();
    }
    assertNotNull(booster, "the plugin never created the booster");
    sleep();
    seeds.status(
        booster,
        booster.getMetadata().getGeneration(),
        List.of(List.of(type, status, reason, "set by the test")));
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void roleAutoscalingIsRefusedOnAKthenaV04Cluster() {
    String roles =
        Examples.text("prefill-decode.yaml")
            .replace("  namespace: inference\n", "")
            .replace("maxReplicas: 4", "maxReplicas: 1")
            .replaceFirst("(type: prefill\n(\\s+)image: [^\n]+\n)", "$1$2maxReplicas: 3\n");
    cluster.resetWrites();
    Result r = create(roles);
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().contains("maxReplicas") && r.err().contains("v1.0"), r.err());
    assertEquals(List.of(), cluster.writes(), "refused before anything is sent");
  }
}

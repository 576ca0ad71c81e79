package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.TestSerialization;
import booster.api.ModelBooster;
import booster.cli.PluginFixture.Result;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class StatusCommandTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private final PluginFixture plugin = new PluginFixture(cluster);
  private final Seeds seeds = new Seeds(cluster);

  /**
   * Far enough after seeding that every age reads "30d", whatever second each object was stored in.
   */
  private Instant later() {
    return Instant.now().plus(Duration.ofDays(30));
  }

  /**
   * A booster that is waiting for its second ModelServing, with one pod Running and one Pending.
   */
  private ModelBooster progressing() {
    return CliCases.progressing(cluster, seeds);
  }

  @Test
  void statusShowsConditionsGenerationsChildrenAndEvents() {
    progressing();
    Result r = plugin.run(later(), "status", "qwen");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        """
        Name:        qwen
        Namespace:   %s
        Status:      ModelProcessing
        Generation:  1 (observed 1)
        Age:         30d
        Conditions:
          TYPE         STATUS  REASON           AGE  MESSAGE
          Initialized  True    ModelCreating    30d  ModelBooster initialized
          Active       False   ModelProcessing  30d  ModelServing qwen-b not available
        Children:
          KIND          NAME    READY  STATUS          AGE
          ModelServing  qwen-a  1/1    Available       30d
          ModelServing  qwen-b  0/2    GroupsNotReady  30d
          ModelRoute    qwen    -      -               30d
        Events:
          TYPE    REASON        AGE  MESSAGE
          Normal  ChildCreated  30d  created ModelServing qwen-a
        """
            .formatted(cluster.namespace()),
        r.out());
  }

  /**
   * A ModelServing whose controller has not seen its new spec reads UpdateInProgress, not its stale
   * Available.
   */
  @Test
  void aModelServingMidRolloutIsNotShownAvailable() {
    ModelBooster booster = seeds.booster("qwen");
    GenericKubernetesResource serving =
        seeds.child(ChildKind.MODEL_SERVING, booster, "qwen-a", Map.of("replicas", 1));
    seeds.servingStatus(serving, 1, "True", "AllGroupsReady");
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .withName("qwen-a")
        .edit(
            s -> {
              s.setAdditionalProperty(
                  "spec", Map.of("replicas", 1, "template", Map.of("image", "v2")));
              return s;
            });
    Result status = plugin.run(later(), "status", "qwen");
    assertTrue(
        status.out().contains("\n  ModelServing  qwen-a  1/1    UpdateInProgress  30d\n"),
        status.out());
    Result tree = plugin.run(later(), "tree", "qwen");
    assertTrue(
        tree.out().contains("ModelServing/qwen-a  1/1    UpdateInProgress  30d\n"), tree.out());
  }

  @Test
  void statusAsYamlIsMachineReadable() {
    progressing();
    Result r = plugin.run(later(), "status", "qwen", "-o", "yaml");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("name: qwen\nnamespace: " + cluster.namespace() + "\n"), r.out());
    assertTrue(
        r.out()
            .contains(
                "- kind: ModelServing\n  name: qwen-b\n  ready: 0/2\n  status: GroupsNotReady\n"
                    + "  controlled: true\n"),
        r.out());
  }

  @Test
  void watchPrintsAFrameEachTimeTheStatusChanges() throws Exception {
    progressing();
    StringWriter out = new StringWriter();
    CommandLine cli = BoosterCommand.commandLine(new ByteArrayInputStream(new byte[0]), Map.of());
    StatusCommand status = cli.getSubcommands().get("status").getCommand();
    status.terminal = Terminal.plain();
    status.intervalMillis = 50;
    status.hintAfter = Duration.ofSeconds(1);
    cli.setOut(new PrintWriter(out, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread watcher =
        new Thread(
            () ->
                exit.set(
                    cli.execute(
                        "status",
                        "qwen",
                        "--watch",
                        "--kubeconfig",
                        plugin.kubeconfig().toString())));
    watcher.start();
    awaitText(out, "Status:      ModelProcessing");
    // A spec change the operator does not pick up: after a while the frame asks whether it runs.
    Kinds.boosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName("qwen")
        .edit(
            b -> {
              b.getSpec().getBackend().setMinReplicas(1);
              return b;
            });
    awaitText(
        out,
        "Hint:        not reconciled for 1s: is the operator running? (kubectl get pods -A -l "
            + "app.kubernetes.io/name=booster-operator)");
    seeds.status(
        Kinds.boosters(cluster.client()).inNamespace(cluster.namespace()).withName("qwen").get(),
        2,
        List.of(List.of("Active", "True", "ModelAvailable", "ModelBooster is ready")));
    awaitText(out, "Status:      Active");
    watcher.interrupt();
    watcher.join(10_000);
    assertEquals(130, exit.get(), "interrupted like Ctrl-C");
  }

  private static void awaitText(StringWriter out, String text) throws InterruptedException {
    for (int i = 0; i < 200 && !out.toString().contains(text); i++) {
      Thread.sleep(50);
    }
    assertTrue(out.toString().contains(text), out.toString());
  }

  @Test
  void allNamespacesListsEveryBooster() {
    progressing();
    Result r = plugin.run(later(), "status", "-A");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("NAMESPACE "), r.out());
    assertTrue(
        r.out()
            .lines()
            .anyMatch(
                l -> l.matches(cluster.namespace() + " +qwen +False +ModelProcessing +1/1 +30d")),
        r.out());
    Result json = plugin.run(later(), "status", "-A", "-o", "json");
    assertEquals(0, json.exit(), json.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> list = TestSerialization.KUBERNETES.unmarshal(json.out(), Map.class);
    assertEquals("List", list.get("kind"));
    assertEquals(
        BoosterCommand.USAGE,
        plugin.run(later(), "status", "qwen", "-A").exit(),
        "NAME and -A together");
  }

  /**
   * Without NAME, status lists like kubectl get: this namespace, -l, -o wide, -o name, -o
   * jsonpath=.
   */
  @Test
  void withoutANameItListsTheNamespacesBoostersAsKubectlGetDoes() {
    progressing();
    ModelBooster other = seeds.booster("other");
    other.getMetadata().setLabels(Map.of("team", "search"));
    Kinds.boosters(cluster.client()).resource(other).update();
    Result list = plugin.run(later(), "status");
    assertEquals(0, list.exit(), list.err());
    assertEquals(
        """
        NAME   ACTIVE  STATUS           GENERATION  AGE
        other  -       Pending          1/-         30d
        qwen   False   ModelProcessing  1/1         30d
        """,
        list.out());
    Result wide = plugin.run(later(), "status", "-o", "wide", "-l", "team=search");
    assertEquals(
        """
        NAME   ACTIVE  STATUS   GENERATION  AGE  REPLICAS  BACKENDS  MESSAGE
        other  -       Pending  1/-         30d  0-1       backend1
        """,
        wide.out());
    assertEquals(
        "modelbooster.workload.serving.volcano.sh/other\nmodelbooster.workload.serving.volcano.sh/qwen\n",
        plugin.run(later(), "status", "-o", "name").out());
    assertEquals(
        "modelbooster.workload.serving.volcano.sh/qwen\n",
        plugin.run(later(), "status", "qwen", "-o", "name").out());
    Result active =
        plugin.run(
            later(),
            "status",
            "qwen",
            "-o",
            "jsonpath={.conditions[?(@.type==\"Active\")].reason}");
    assertEquals("ModelProcessing", active.out(), active.err());
    assertEquals(
        "other qwen", plugin.run(later(), "status", "-o", "jsonpath={.items[*].name}").out());
    Result none = plugin.run(later(), "status", "-l", "team=nobody");
    assertEquals("", none.out());
    assertEquals("No resources found in " + cluster.namespace() + " namespace.\n", none.err());
    assertEquals(
        BoosterCommand.USAGE, plugin.run(later(), "status", "qwen", "-l", "team=search").exit());
    Result bad = plugin.run(later(), "status", "-o", "table");
    assertEquals(BoosterCommand.USAGE, bad.exit());
    assertTrue(
        bad.err().contains("allowed formats are: yaml, json, name, wide, jsonpath=TEMPLATE"),
        bad.err());
  }

  @Test
  void missingBoosterUsesKubectlsWording() {
    Result r = plugin.run(later(), "status", "nope");
    assertEquals(1, r.exit());
    assertEquals(
        "Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"nope\" not found\n",
        r.err());
    assertEquals(1, plugin.run(later(), "tree", "nope").exit());
  }
}

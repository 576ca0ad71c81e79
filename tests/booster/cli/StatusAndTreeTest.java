package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cli.PluginFixture.Result;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
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

class StatusAndTreeTest {
  @RegisterExtension
  static final TestCluster cluster = new TestCluster();

  private final PluginFixture plugin = new PluginFixture(cluster);
  private final Seeds seeds = new Seeds(cluster);

  /** Far enough after seeding that every age reads "30d", whatever second each object was stored in. */
  private Instant later() {
    return Instant.now().plus(Duration.ofDays(30));
  }

  /** A booster that is waiting for its second ModelServing, with one pod Running and one Pending. */
  private ModelBooster progressing() {
    return CliCases.progressing(cluster, seeds);
  }

  @Test
  void statusShowsConditionsGenerationsChildrenAndEvents() {
    progressing();
    Result r = plugin.run(later(), "status", "qwen");
    assertEquals(0, r.exit(), r.err());
    assertEquals("""
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
        """.formatted(cluster.namespace()), r.out());
  }

  @Test
  void treeShowsChildrenAndEachServingsPods() {
    progressing();
    Result r = plugin.run(later(), "tree", "qwen");
    assertEquals(0, r.exit(), r.err());
    String ns = cluster.namespace();
    String pad = " ".repeat(ns.length() - "NAMESPACE".length());
    assertEquals(("""
        NAMESPACE%s  NAME                   READY  STATUS           AGE
        %s  ModelBooster/qwen      False  ModelProcessing  30d
        %s  ├─ModelServing/qwen-a  1/1    Available        30d
        %s  │ └─Pod/qwen-a-0       1/1    Running          30d
        %s  ├─ModelServing/qwen-b  0/2    GroupsNotReady   30d
        %s  │ ├─Pod/qwen-b-0       0/1    Pending          30d
        %s  │ └─Pod/qwen-b-1       1/1    Running          30d
        %s  └─ModelRoute/qwen      -      -                30d
        """).formatted(pad, ns, ns, ns, ns, ns, ns, ns), r.out());
  }

  @Test
  void statusAsYamlIsMachineReadable() {
    progressing();
    Result r = plugin.run(later(), "status", "qwen", "-o", "yaml");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("name: qwen\nnamespace: " + cluster.namespace() + "\n"), r.out());
    assertTrue(r.out().contains("- kind: ModelServing\n  name: qwen-b\n  ready: 0/2\n  status: GroupsNotReady\n"
        + "  controlled: true\n"), r.out());
  }

  @Test
  void watchPrintsAFrameEachTimeTheStatusChanges() throws Exception {
    progressing();
    StringWriter out = new StringWriter();
    CommandLine cli = BoosterCommand.commandLine(new ByteArrayInputStream(new byte[0]), Map.of());
    StatusCommand status = cli.getSubcommands().get("status").getCommand();
    status.terminal = Terminal.plain();
    status.intervalMillis = 50;
    cli.setOut(new PrintWriter(out, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread watcher = new Thread(() -> exit.set(cli.execute("status", "qwen", "--watch", "--kubeconfig",
        plugin.kubeconfig().toString())));
    watcher.start();
    awaitText(out, "Status:      ModelProcessing");
    seeds.status(Kinds.boosters(cluster.client()).inNamespace(cluster.namespace()).withName("qwen").get(), 1,
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
    assertTrue(r.out().lines().anyMatch(l -> l.matches(cluster.namespace()
        + " +qwen +False +ModelProcessing +1/1 +30d")), r.out());
    Result json = plugin.run(later(), "status", "-A", "-o", "json");
    assertEquals(0, json.exit(), json.err());
    Map<String, Object> list = Serialization.unmarshal(json.out(), Map.class);
    assertEquals("List", list.get("kind"));
    assertEquals(BoosterCommand.USAGE, plugin.run(later(), "status", "qwen", "-A").exit(), "NAME and -A together");
  }

  @Test
  void missingBoosterUsesKubectlsWording() {
    Result r = plugin.run(later(), "status", "nope");
    assertEquals(1, r.exit());
    assertEquals("Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"nope\" not found\n",
        r.err());
    assertEquals(1, plugin.run(later(), "tree", "nope").exit());
  }
}

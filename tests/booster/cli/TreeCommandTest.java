package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.cli.PluginFixture.Result;
import booster.cluster.TestCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TreeCommandTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private final PluginFixture plugin = new PluginFixture(cluster);
  private final Seeds seeds = new Seeds(cluster);

  @Test
  void treeShowsChildrenAndEachServingsPods() {
    CliCases.progressing(cluster, seeds);
    // Far enough after seeding that every age reads "30d", whatever second each object was stored
    // in.
    Result r = plugin.run(Instant.now().plus(Duration.ofDays(30)), "tree", "qwen");
    assertEquals(0, r.exit(), r.err());
    String ns = cluster.namespace();
    String pad = " ".repeat(ns.length() - "NAMESPACE".length());
    assertEquals(
        ("""
        NAMESPACE%s  NAME                   READY  STATUS           AGE
        %s  ModelBooster/qwen      False  ModelProcessing  30d
        %s  ├─ModelServing/qwen-a  1/1    Available        30d
        %s  │ └─Pod/qwen-a-0       1/1    Running          30d
        %s  ├─ModelServing/qwen-b  0/2    GroupsNotReady   30d
        %s  │ ├─Pod/qwen-b-0       0/1    Pending          30d
        %s  │ └─Pod/qwen-b-1       1/1    Running          30d
        %s  └─ModelRoute/qwen      -      -                30d
        """)
            .formatted(pad, ns, ns, ns, ns, ns, ns, ns),
        r.out());
  }
}

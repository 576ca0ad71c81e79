package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.cli.PluginFixture.Result;
import booster.cluster.ApiErrors;
import booster.cluster.TestCluster;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reading a stored booster, and kubectl's words when there is none. Without the ModelBooster CRD
 * the API server answers a booster's path with a bare 404; the commands say the resource type is
 * missing (not that the booster is) and how to install it, from that one GET (or the LIST of {@code
 * status} without NAME), without asking discovery first.
 */
class StoredBoostersTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  @Test
  void everyCommandNamesTheMissingResourceType() {
    // Deleting a CRD from a real cluster would delete every booster in it.
    Assumptions.assumeTrue(cluster.isMock(), "needs the mock server");
    PluginFixture plugin = new PluginFixture(cluster);
    assertEquals(1, plugin.run(Instant.now(), "status", "qwen").exit());
    String notFound =
        "Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"qwen\" not found\n";
    assertEquals(
        notFound,
        plugin.run(Instant.now(), "status", "qwen").err(),
        "with the CRD: the booster is missing");
    cluster
        .client()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("modelboosters.workload.serving.volcano.sh")
        .delete();
    String missing =
        "error: the server doesn't have a resource type \"modelboosters.workload.serving.volcano.sh\" "
            + "(the ModelBooster CRD is not installed; install it with kubectl apply -f "
            + "crds/modelboosters.workload.serving.volcano.sh.yaml)\n";
    for (List<String> args :
        List.of(
            List.of("status", "qwen"),
            List.of("status"),
            List.of("status", "-A"),
            List.of("tree", "qwen"),
            List.of("diff", "qwen"),
            List.of("diff", "-f", "examples/single-gpu.yaml"),
            List.of("create", "-f", "examples/single-gpu.yaml"))) {
      Result r = plugin.run(Instant.now(), args.toArray(String[]::new));
      assertEquals(args.get(0).equals("diff") ? 2 : 1, r.exit(), args + ": " + r.err());
      assertEquals(missing, r.err(), args.toString());
      assertEquals("", r.out(), args.toString());
    }
  }

  @Test
  void missingBoosterUsesKubectlsWording() {
    assertEquals(
        "Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"x\" not found",
        ApiErrors.message(StoredBoosters.notFound("x"), "https://k:6443"));
  }
}

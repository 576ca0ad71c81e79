package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cli.PluginFixture.Result;
import booster.cluster.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code diff}, {@code status} and {@code tree} show a booster's extra routes
 * (examples/gateway-routes.yaml).
 */
class ExtraRoutesPluginTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private final PluginFixture plugin = new PluginFixture(cluster);

  /** The example in the test's namespace (the kubeconfig context's). */
  private final String manifest = read().replace("  namespace: inference\n", "");

  private static String read() {
    try {
      return Files.readString(Path.of("examples", "gateway-routes.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void applied() {
    plugin.createWithChildren(manifest, "llama-70b");
  }

  private String route(String name) {
    return "networking.serving.volcano.sh.v1alpha1.ModelRoute." + cluster.namespace() + "." + name;
  }

  @Test
  void diffShowsEveryRouteOfANewBooster() {
    Result r = plugin.run(Map.of(), manifest, Instant.now(), "diff", "-f", "-");
    assertEquals(1, r.exit(), r.err());
    for (String name : new String[] {"llama-70b", "llama-70b-acme", "llama-70b-alias"}) {
      assertTrue(r.out().contains(route(name)), name + " in " + r.out());
    }
    assertTrue(r.out().contains("+  modelName: llama-70b-acme\n"), r.out());
  }

  /**
   * A removed entry is a route to prune; a removed budget leaves the route (the operator removes it
   * too).
   */
  @Test
  void diffShowsARemovedRouteAndARemovedBudget() {
    applied();
    String kept = manifest.substring(0, manifest.indexOf("    - name: alias\n"));
    int budget = kept.lastIndexOf("      rateLimit:\n");
    String edited =
        kept.substring(0, budget)
            + kept.substring(kept.indexOf(":6379\n", budget) + ":6379\n".length());
    assertTrue(edited.contains("- name: acme") && !edited.contains("1000000"), edited);
    Result r = plugin.run(Map.of(), edited, Instant.now(), "diff", "-f", "-");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().contains(route("llama-70b-alias")), r.out());
    assertTrue(r.out().contains("-  name: llama-70b-alias\n"), r.out());
    assertTrue(r.out().contains(route("llama-70b-acme")), r.out());
    assertTrue(r.out().contains("-  rateLimit:\n-    inputTokensPerUnit: 1000000\n"), r.out());
    assertTrue(
        r.out()
            .lines()
            .noneMatch(l -> l.contains("ModelRoute." + cluster.namespace() + ".llama-70b\n")),
        "the main route is unchanged");
  }

  @Test
  void diffWarnsThatARouteModelNameIsImmutable() {
    applied();
    Result r =
        plugin.run(
            Map.of(),
            manifest.replace("modelName: llama-3.3-70b", "modelName: llama-3.3"),
            Instant.now(),
            "diff",
            "-f",
            "-");
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err().contains("Warning: ModelRoute/llama-70b-alias: spec.modelName is immutable"),
        r.err());
  }

  @Test
  void statusAndTreeListTheExtraRoutes() {
    applied();
    Result status = plugin.run(Instant.now(), "status", "llama-70b");
    assertEquals(0, status.exit(), status.err());
    for (String name : new String[] {"llama-70b ", "llama-70b-acme ", "llama-70b-alias "}) {
      assertTrue(
          status.out().lines().anyMatch(l -> l.matches("  ModelRoute +" + name + ".*")),
          name + status.out());
    }
    Result tree = plugin.run(Instant.now(), "tree", "llama-70b");
    assertEquals(0, tree.exit(), tree.err());
    assertTrue(tree.out().contains("├─ModelRoute/llama-70b-acme "), tree.out());
    assertTrue(tree.out().contains("└─ModelRoute/llama-70b-alias "), tree.out());
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cli.PluginFixture.Result;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.Golden;
import io.fabric8.kubernetes.api.model.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KubeClientsTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private final PluginFixture plugin = new PluginFixture(cluster);

  private void boosterIn(String namespace) {
    ModelBooster booster = Golden.input("v0.4.0", "model.yaml");
    booster.getMetadata().setName("qwen");
    booster.getMetadata().setNamespace(namespace);
    Kinds.boosters(cluster.client()).resource(booster).create();
  }

  @Test
  void contextNamespaceAndFlagOverridesPickTheNamespace() {
    boosterIn("elsewhere");
    assertEquals(
        1,
        plugin.run(Instant.now(), "tree", "qwen").exit(),
        "current context's namespace has none");
    Result viaContext = plugin.run(Instant.now(), "tree", "qwen", "--context", "elsewhere");
    assertEquals(0, viaContext.exit(), viaContext.err());
    assertTrue(viaContext.out().contains("elsewhere  ModelBooster/qwen"), viaContext.out());
    Result viaFlag = plugin.run(Instant.now(), "tree", "qwen", "-n", "elsewhere");
    assertEquals(0, viaFlag.exit(), viaFlag.err());
  }

  @Test
  void unreachableServerIsOneLineNamingItAndTheCause() {
    long start = System.nanoTime();
    Result r =
        plugin.run(Instant.now(), "status", "qwen", "--context", "dead", "--request-timeout", "5s");
    assertTrue(
        System.nanoTime() - start < 5_000_000_000L,
        "a refused connection fails fast, within the timeout");
    assertEquals(1, r.exit());
    assertEquals(
        "error: cannot reach the cluster at https://127.0.0.1:1/: connection refused\n", r.err());
    Result cluster =
        plugin.run(Instant.now(), "status", "qwen", "--cluster", "dead", "--request-timeout", "5s");
    assertEquals(r.err(), cluster.err());
  }

  /** A server name that does not resolve is named as such, not as a refused connection. */
  @Test
  void anUnresolvableServerNameIsNamedAsTheCause(@TempDir Path dir) throws Exception {
    Path kubeconfig =
        Files.writeString(
            dir.resolve("config"),
            """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://booster-test.invalid:6443"}}]
        contexts: [{name: a, context: {cluster: c, user: u}}]
        users: [{name: u, user: {token: t}}]
        current-context: a
        """);
    Result r =
        plugin.run(
            Instant.now(),
            "status",
            "qwen",
            "--kubeconfig",
            kubeconfig.toString(),
            "--request-timeout",
            "20s");
    assertEquals(1, r.exit());
    assertEquals(
        "error: cannot reach the cluster at https://booster-test.invalid:6443/: no such host "
            + "(booster-test.invalid)\n",
        r.err());
  }

  /**
   * kubectl's -v: 6 logs each request with its status and time, 8 the bodies too; below 6 nothing.
   */
  @Test
  void verbosityLogsTheApiRequests() {
    boosterIn(cluster.namespace());
    String path =
        "/apis/workload.serving.volcano.sh/v1alpha1/namespaces/"
            + cluster.namespace()
            + "/modelboosters/qwen";
    Result six = plugin.run(Instant.now(), "tree", "qwen", "-v=6");
    assertEquals(0, six.exit(), six.err());
    assertTrue(
        six.err()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "I\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} GET \\S+"
                            + java.util.regex.Pattern.quote(path)
                            + " 200 OK in \\d+ milliseconds")),
        six.err());
    assertTrue(six.err().lines().noneMatch(l -> l.contains("Response Body")), six.err());
    Result eight = plugin.run(Instant.now(), "tree", "qwen", "--v", "8");
    assertTrue(
        eight
            .err()
            .lines()
            .anyMatch(
                l -> l.contains("Response Body: {") && l.contains("\"kind\":\"ModelBooster\"")),
        eight.err());
    assertEquals("", plugin.run(Instant.now(), "tree", "qwen", "-v=5").err());
  }

  @Test
  void unknownNamesAreErrors() {
    assertEquals(
        "error: context \"zz\" does not exist\n",
        plugin.run(Instant.now(), "status", "qwen", "--context", "zz").err());
    assertEquals(
        "error: user \"nobody\" does not exist in the kubeconfig\n",
        plugin.run(Instant.now(), "status", "qwen", "--user", "nobody").err());
    Result missing =
        plugin.run(Instant.now(), "status", "qwen", "--kubeconfig", "/no/such/kubeconfig");
    assertEquals(1, missing.exit());
    assertEquals("error: stat /no/such/kubeconfig: no such file or directory\n", missing.err());
    Result badTimeout = plugin.run(Instant.now(), "status", "qwen", "--request-timeout", "soon");
    assertEquals(BoosterCommand.USAGE, badTimeout.exit());
    assertEquals(
        "error: Invalid value for option '--request-timeout': invalid duration \"soon\" (examples: 30s, "
            + "1m30s, 500ms)",
        badTimeout.err().lines().findFirst().orElseThrow());
  }

  @Test
  void severalFilesMergeWithTheFirstDefinitionWinning(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Files.writeString(
        first,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://first:6443"}}]
        contexts: [{name: a, context: {cluster: c, user: u}}]
        users: [{name: u, user: {client-certificate: certs/u.crt}}]
        current-context: a
        """);
    Files.writeString(
        second,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://second:6443"}}, {name: d, cluster: {server: "https://d:6443"}}]
        contexts: [{name: b, context: {cluster: d, user: u, namespace: team}}]
        current-context: b
        """);
    Config merged = Kubeconfigs.merge(List.of(first.toFile(), second.toFile()));
    assertEquals("a", merged.getCurrentContext());
    assertEquals(
        List.of("https://first:6443", "https://d:6443"),
        merged.getClusters().stream().map(c -> c.getCluster().getServer()).toList());
    assertEquals(
        dir.resolve("certs/u.crt").toString(),
        merged.getUsers().get(0).getUser().getClientCertificate());
    assertEquals(List.of("a", "b"), merged.getContexts().stream().map(c -> c.getName()).toList());
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator says as it starts: the server, a missing CRD with its fix, leader election off.
 */
class OperatorStartupTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  @Test
  void aMissingBoosterCrdIsNamedWithTheFix(@TempDir Path dir) throws Exception {
    // Deleting the CRD from a real cluster would delete every booster in it.
    Assumptions.assumeTrue(cluster.isMock(), "needs the mock server");
    cluster
        .client()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("modelboosters.workload.serving.volcano.sh")
        .delete();
    Path kubeconfig =
        Files.writeString(
            dir.resolve("config"),
            """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: mock, context: {cluster: mock, user: u}}]
        current-context: mock
        """
                .formatted(cluster.client().getConfiguration().getMasterUrl()));
    try (LogLines log = new LogLines(Operator.class)) {
      assertEquals(
          1,
          OperatorCommand.run(
              "--health-port=-1", "--leader-elect=false", "--kubeconfig", kubeconfig.toString()));
      assertEquals(
          "SEVERE error: the server doesn't have a resource type \"modelboosters.workload.serving.volcano.sh\""
              + " (the ModelBooster CRD is not installed; install it with kubectl apply -f "
              + "crds/modelboosters.workload.serving.volcano.sh.yaml)",
          log.lines().get(log.lines().size() - 1));
    }
  }

  @Test
  void withoutLeaderElectionItSaysSoRatherThanLeading() {
    try (LogLines log = new LogLines(Operator.class)) {
      Operator operator = Running.operator(cluster, Running.options(cluster));
      operator.close();
      List<String> lines = log.lines();
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.startsWith("INFO leader election off: ")
                          && l.endsWith(" runs the controller")),
          lines.toString());
      assertTrue(lines.stream().noneMatch(l -> l.contains("is leading")), lines.toString());
    }
  }
}

package booster.operator;

import static booster.operator.Running.await;

import booster.cluster.TestCluster;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The operator with the arguments of deploy/'s Deployment (every namespace, leader election), so
 * the RBAC test sees the requests of the configuration users run, cluster-wide reads included.
 */
@Timeout(60)
class AsDeployedTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  @Test
  void theDeploymentsArgumentsReconcileABooster() {
    Assumptions.assumeTrue(
        cluster.isMock(), "watching every namespace would reconcile a real cluster's boosters");
    List<String> args =
        Deploy.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    OperatorOptions deployed = command.options();
    // In the pod the Lease namespace is the service account's; here it is the test's stand-in. Any
    // free health port.
    OperatorOptions.Lease lease = deployed.lease();
    OperatorOptions options =
        new OperatorOptions(
            deployed.namespaces(),
            deployed.workers(),
            deployed.resync(),
            deployed.leaderElect(),
            0,
            deployed.translator(),
            deployed.kthenaVersion(),
            new OperatorOptions.Lease(
                cluster.operatorNamespace(),
                lease.name(),
                "as-deployed",
                lease.duration(),
                lease.renewDeadline(),
                lease.retryPeriod()),
            deployed.backoffBase(),
            deployed.backoffMax());
    try (Operator operator = new Operator(cluster.newClient(), options).start()) {
      await("leading", operator::leading);
      Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null));
      await("Initialized", () -> Running.conditionIs(cluster, "test-model", "Initialized", "True"));
    }
  }
}

package booster.operator;

import booster.cluster.TestCluster;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator on a Kthena v0.4 cluster (its five child CRDs). */
@Timeout(60)
class OnKthenaV04Test extends KthenaScenarios {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v0.4.0");

  @Override
  TestCluster cluster() {
    return cluster;
  }
}

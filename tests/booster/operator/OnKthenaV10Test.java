package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.KthenaDetection;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator on a Kthena v1.0 cluster (no AutoscalingPolicyBinding kind). */
@Timeout(60)
class OnKthenaV10Test extends KthenaScenarios {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v1.0.0");

  @Override
  TestCluster cluster() {
    return cluster;
  }

  @Test
  void readinessWaitsOnlyForTheServedKinds() {
    await("ready", f.operator::ready);
    assertEquals(KthenaDetection.served(cluster.client()), f.operator.watchedKinds());
  }

  @Test
  void theBindingKindIsNeverListedOrWatched() {
    await("ready", f.operator::ready);
    assertEquals(
        EnumSet.of(
            ChildKind.MODEL_SERVING,
            ChildKind.MODEL_SERVER,
            ChildKind.MODEL_ROUTE,
            ChildKind.AUTOSCALING_POLICY),
        EnumSet.copyOf(f.operator.watchedKinds()));
    assertTrue(
        cluster.requests().stream().noneMatch(r -> r.contains("autoscalingpolicybindings")),
        "the binding kind is never listed or watched");
  }
}

package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.TestCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two instances on one Lease: only the leader writes; when it stops, the other takes over. */
@Timeout(60)
class LeaderElectionTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  /**
   * The Lease lives in a namespace of its own, as in deploy/ (the RBAC test tells the two apart).
   */
  private Operator instance(String identity) {
    return Running.operator(
        cluster,
        Running.options(cluster)
            .leaderElect(true)
            .lease(
                new OperatorOptions.Lease(
                    cluster.operatorNamespace(),
                    "booster-operator",
                    identity,
                    Duration.ofSeconds(2),
                    Duration.ofMillis(1500),
                    Duration.ofMillis(200))));
  }

  @Test
  void onlyTheLeaderWritesAndTheOtherTakesOver() {
    Operator a = instance("instance-a");
    Operator b = instance("instance-b");
    try {
      await("one leader", () -> a.leading() || b.leading());
      Running.sleep(500);
      assertTrue(a.leading() ^ b.leading(), "exactly one instance leads");
      Operator leader = a.leading() ? a : b;
      Operator follower = leader == a ? b : a;

      Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", "first"));
      await(
          "first Initialized", () -> Running.conditionIs(cluster, "first", "Initialized", "True"));
      assertTrue(leader.metrics().writes() > 0, "the leader wrote the children");
      assertEquals(0, follower.metrics().writes(), "the follower wrote nothing");
      assertTrue(follower.ready(), "a standby instance is ready");

      leader.close();
      await("the follower leads", follower::leading);
      Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", "second"));
      await(
          "second Initialized",
          () -> Running.conditionIs(cluster, "second", "Initialized", "True"));
      assertTrue(follower.metrics().writes() > 0, "the new leader writes");
      String holder =
          cluster
              .client()
              .leases()
              .inNamespace(cluster.operatorNamespace())
              .withName("booster-operator")
              .get()
              .getSpec()
              .getHolderIdentity();
      assertEquals(follower == a ? "instance-a" : "instance-b", holder);
    } finally {
      a.close();
      b.close();
    }
  }
}

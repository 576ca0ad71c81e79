package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.FaultProxy;
import booster.cluster.FaultProxy.Fault;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator behind {@link FaultProxy}: 5xx and 429 answers, 409 on updates, resets, lost
 * replies, delays and watches dropped early, all drawn from a fixed seed. Whatever the faults did,
 * once they stop every booster converges, and a resync with nothing to change writes nothing even
 * while faults go on.
 */
@Timeout(180)
class FaultInjectionTest {
  private static final long SEED = 20261129L;

  @RegisterExtension static final TestCluster cluster = new TestCluster();

  /** Each fault's probability per request (watch drops: per watch). */
  static Map<Fault, Double> faults() {
    return Map.of(
        Fault.SERVER_ERROR,
        0.04,
        Fault.UNAVAILABLE,
        0.04,
        Fault.TOO_MANY_REQUESTS,
        0.02,
        Fault.CONFLICT,
        0.08,
        Fault.RESET,
        0.03,
        Fault.LOST_REPLY,
        0.05,
        Fault.DELAY,
        0.08,
        Fault.WATCH_DROP,
        0.5);
  }

  /** Short back-off, so retries under faults stay within the test's time. */
  static OperatorOptions.Builder options() {
    return Running.options(cluster).backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
  }

  @Test
  void burstUnderFaultsConverges() {
    try (FaultProxy proxy = FaultProxy.of(cluster, SEED)) {
      proxy.faults(faults());
      Operator operator = new Operator(proxy.client(cluster), options().build()).start();
      try {
        Running.await("caches synced", operator::ready);
        Burst burst = new Burst(cluster, SEED);
        burst.run(110, Duration.ofMillis(40));
        Running.sleep(2000);
        proxy.off();
        burst.awaitConverged(Duration.ofSeconds(60));
        System.out.println(
            "fault injection, burst: "
                + burst.figures()
                + "; "
                + proxy.summary()
                + "; operator writes "
                + operator.metrics().writes()
                + ", passes "
                + operator.metrics().reconciles());
        assertTrue(
            proxy.injected().values().stream().mapToInt(Integer::intValue).sum() >= 30,
            "faults were injected: " + proxy.summary());
      } finally {
        operator.close();
      }
    }
  }

  /**
   * kill -9 twice while boosters are being created, changed and deleted: the third instance
   * finishes the job.
   */
  @Test
  void killStyleRestartsMidBurstLoseNothing(@TempDir Path logs) {
    try (FaultProxy proxy = FaultProxy.of(cluster, SEED + 2)) {
      proxy.faults(faults());
      Burst burst = new Burst(cluster, SEED + 2);
      int kills = 0;
      for (int instance = 1; instance <= 3; instance++) {
        try (OperatorProcess operator =
            OperatorProcess.start(
                logs, proxy.url(), cluster.namespace(), null, "instance-" + instance)) {
          burst.run(25, Duration.ofMillis(40));
          if (instance < 3) {
            operator.kill();
            kills++;
          } else {
            proxy.off();
            burst.awaitConverged(Duration.ofSeconds(60));
          }
        }
      }
      System.out.println(
          "fault injection, kill -9 restarts: "
              + kills
              + " kills mid-burst; "
              + burst.figures()
              + "; "
              + proxy.summary());
    }
  }

  /**
   * Two instances on one Lease, each behind its own proxy so each one's writes are counted. The
   * leader is frozen (SIGSTOP) past its lease: the other takes over; thawed, the deposed leader
   * sends not one write although its informers hand it work, and exits. Then the new leader is
   * killed (kill -9) mid-burst and a third instance takes over and finishes. (A write already on
   * its way when a process is frozen can still go out when it thaws; no client-side check can call
   * it back, so the freeze comes between passes. {@link FencingTest} shows a pass in flight
   * stopping at its next write.)
   */
  @SuppressWarnings("try") // the operator only has to be running while the block runs
  @Test
  void leaderFailoverAndAPausedLeaderMakesNoWrites(@TempDir Path logs) {
    String leases = cluster.operatorNamespace();
    Burst burst = new Burst(cluster, SEED + 3);
    try (FaultProxy proxyA = FaultProxy.of(cluster, SEED + 3);
        FaultProxy proxyB = FaultProxy.of(cluster, SEED + 4);
        FaultProxy proxyC = FaultProxy.of(cluster, SEED + 5);
        OperatorProcess a =
            OperatorProcess.start(logs, proxyA.url(), cluster.namespace(), leases, "instance-a");
        OperatorProcess b =
            OperatorProcess.start(logs, proxyB.url(), cluster.namespace(), leases, "instance-b")) {
      Running.await("a leader", () -> holder(leases) != null);
      boolean aLeads = "instance-a".equals(holder(leases));
      OperatorProcess leader = aLeads ? a : b;
      OperatorProcess follower = aLeads ? b : a;
      FaultProxy leaderProxy = aLeads ? proxyA : proxyB;

      burst.run(20, Duration.ofMillis(40));
      burst.awaitConverged(Duration.ofSeconds(60));
      Running.await("the leader done writing", () -> quietFor(leaderProxy, Duration.ofSeconds(1)));
      // Frozen between two passes, so no write of its own is half-sent; while it is frozen the
      // other instance takes
      // over and boosters change, so the thawed leader finds work queued by its informers.
      leader.pause();
      int before = leaderProxy.writesForwarded().size();
      Running.await(
          follower.identity() + " takes over",
          Duration.ofSeconds(30),
          () -> follower.identity().equals(holder(leases)));
      burst.run(10, Duration.ofMillis(40));
      leader.resume();
      Running.await("the deposed leader exits", Duration.ofSeconds(30), () -> !leader.alive());
      // The elector's own renewal attempt is not counted: it carries the old resourceVersion and
      // the server refuses it.
      List<String> afterResume =
          leaderProxy
              .writesForwarded()
              .subList(before, leaderProxy.writesForwarded().size())
              .stream()
              .filter(w -> !w.contains("/leases/"))
              .toList();
      assertEquals(
          List.of(), afterResume, "writes of the deposed leader after it resumed\n" + leader.log());

      try (OperatorProcess c =
          OperatorProcess.start(logs, proxyC.url(), cluster.namespace(), leases, "instance-c")) {
        burst.run(10, Duration.ofMillis(40));
        follower.kill();
        burst.run(10, Duration.ofMillis(40));
        Running.await(
            "instance-c takes over",
            Duration.ofSeconds(30),
            () -> "instance-c".equals(holder(leases)));
        burst.awaitConverged(Duration.ofSeconds(60));
      }
      System.out.println(
          "fault injection, leader election: 1 leader paused past its lease ("
              + before
              + " writes before, 0 after resume), 1 leader killed; "
              + burst.figures());
    }
  }

  /**
   * The children's watches break while the operator goes on acting on boosters: a child that
   * existed before and one it created during the outage are deleted behind its back. When the
   * watches come back (resumed from a resourceVersion the server can no longer replay: 410 Gone,
   * then a relist), both are recreated.
   */
  @Test
  void childrenDeletedDuringAWatchOutageAreRecreated() {
    try (FaultProxy proxy = FaultProxy.of(cluster, SEED + 6)) {
      Operator operator = new Operator(proxy.client(cluster), options().build()).start();
      try {
        Running.await(
            "every informer watching", () -> operator.ready() && proxy.openWatches() == 6);
        Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", "before"));
        Running.await(
            "before Initialized",
            () -> Running.conditionIs(cluster, "before", "Initialized", "True"));

        proxy.watchOutage(path -> !path.endsWith("/modelboosters"));
        Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", "during"));
        Running.await(
            "during Initialized",
            () -> Running.conditionIs(cluster, "during", "Initialized", "True"));
        Map<String, String> uids = new java.util.TreeMap<>();
        for (String booster : List.of("before", "during")) {
          var routes =
              Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
                  .inNamespace(cluster.namespace())
                  .withName(booster);
          uids.put(booster, routes.get().getMetadata().getUid());
          routes.delete();
        }
        Running.sleep(500);
        proxy.watchOutage(false);

        for (String booster : List.of("before", "during")) {
          Running.await(
              "the ModelRoute of " + booster + " recreated",
              Duration.ofSeconds(30),
              () -> {
                var route =
                    Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
                        .inNamespace(cluster.namespace())
                        .withName(booster)
                        .get();
                return route != null && !uids.get(booster).equals(route.getMetadata().getUid());
              });
          Running.assertChildrenAreTheTranslation(cluster, booster);
        }
        System.out.println(
            "fault injection, watch outage: 2 children deleted behind the operator, both recreated; "
                + proxy.summary());
      } finally {
        operator.close();
      }
    }
  }

  /** No write (the Lease's aside) went through the proxy for that long. */
  private static boolean quietFor(FaultProxy proxy, Duration quiet) {
    int writes = proxy.writesForwarded().size();
    Running.sleep(quiet.toMillis());
    return proxy.writesForwarded().subList(writes, proxy.writesForwarded().size()).stream()
        .allMatch(w -> w.contains("/leases/"));
  }

  private static String holder(String namespace) {
    var lease = cluster.client().leases().inNamespace(namespace).withName("booster-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void quietResyncWritesNothingUnderFaults() {
    try (FaultProxy proxy = FaultProxy.of(cluster, SEED + 1)) {
      Operator operator =
          new Operator(proxy.client(cluster), options().resync(Duration.ofMillis(500)).build())
              .start();
      try {
        Burst burst = new Burst(cluster, SEED + 1);
        for (int i = 0; i < 7; i++) {
          burst.create();
        }
        burst.awaitConverged(Duration.ofSeconds(30));
        Running.sleep(500);
        proxy.faults(
            Map.of(
                Fault.SERVER_ERROR,
                0.05,
                Fault.UNAVAILABLE,
                0.05,
                Fault.DELAY,
                0.1,
                Fault.WATCH_DROP,
                0.5));
        cluster.resetWrites();
        proxy.watchOutage(true);
        Running.sleep(300);
        proxy.watchOutage(false);
        long before = operator.metrics().reconciles();
        Running.await(
            "four resyncs of every booster",
            Duration.ofSeconds(30),
            () -> operator.metrics().reconciles() >= before + 4 * 7);
        assertEquals(List.of(), cluster.writes(), "writes on a quiet resync");
        System.out.println(
            "fault injection, quiet resync: "
                + (operator.metrics().reconciles() - before)
                + " passes over 7 boosters, 0 writes; "
                + proxy.summary());
      } finally {
        operator.close();
      }
    }
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.FaultProxy;
import booster.cluster.FaultProxy.Fault;
import booster.cluster.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator behind {@link FaultProxy}: 5xx and 429 answers, 409 on updates, resets, lost replies, delays and
 * watches dropped early, all drawn from a fixed seed. Whatever the faults did, once they stop every booster
 * converges, and a resync with nothing to change writes nothing even while faults go on.
 */
@Timeout(180)
class FaultInjectionTest {
  private static final long SEED = 20261129L;

  @RegisterExtension
  static final TestCluster cluster = new TestCluster();

  /** Each fault's probability per request (watch drops: per watch). */
  static Map<Fault, Double> faults() {
    return Map.of(Fault.SERVER_ERROR, 0.04, Fault.UNAVAILABLE, 0.04, Fault.TOO_MANY_REQUESTS, 0.02,
        Fault.CONFLICT, 0.08, Fault.RESET, 0.03, Fault.LOST_REPLY, 0.05, Fault.DELAY, 0.08, Fault.WATCH_DROP, 0.5);
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
        System.out.println("fault injection, burst: " + burst.figures() + "; " + proxy.summary()
            + "; operator writes " + operator.metrics().writes() + ", passes " + operator.metrics().reconciles());
        assertTrue(proxy.injected().values().stream().mapToInt(Integer::intValue).sum() >= 30,
            "faults were injected: " + proxy.summary());
      } finally {
        operator.close();
      }
    }
  }

  /** kill -9 twice while boosters are being created, changed and deleted: the third instance finishes the job. */
  @Test
  void killStyleRestartsMidBurstLoseNothing(@TempDir Path logs) {
    try (FaultProxy proxy = FaultProxy.of(cluster, SEED + 2)) {
      proxy.faults(faults());
      Burst burst = new Burst(cluster, SEED + 2);
      int kills = 0;
      for (int instance = 1; instance <= 3; instance++) {
        try (OperatorProcess operator = OperatorProcess.start(logs, proxy.url(), cluster.namespace(), null,
            "instance-" + instance)) {
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
      System.out.println("fault injection, kill -9 restarts: " + kills + " kills mid-burst; " + burst.figures()
          + "; " + proxy.summary());
    }
  }

  @Test
  void quietResyncWritesNothingUnderFaults() {
    try (FaultProxy proxy = FaultProxy.of(cluster, SEED + 1)) {
      Operator operator = new Operator(proxy.client(cluster), options().resync(Duration.ofMillis(500)).build())
          .start();
      try {
        Burst burst = new Burst(cluster, SEED + 1);
        for (int i = 0; i < 7; i++) {
          burst.create();
        }
        burst.awaitConverged(Duration.ofSeconds(30));
        Running.sleep(500);
        proxy.faults(Map.of(Fault.SERVER_ERROR, 0.05, Fault.UNAVAILABLE, 0.05, Fault.DELAY, 0.1,
            Fault.WATCH_DROP, 0.5));
        cluster.resetWrites();
        proxy.watchOutage(true);
        Running.sleep(300);
        proxy.watchOutage(false);
        long before = operator.metrics().reconciles();
        Running.await("four resyncs of every booster", Duration.ofSeconds(30),
            () -> operator.metrics().reconciles() >= before + 4 * 7);
        assertEquals(List.of(), cluster.writes(), "writes on a quiet resync");
        System.out.println("fault injection, quiet resync: " + (operator.metrics().reconciles() - before)
            + " passes over 7 boosters, 0 writes; " + proxy.summary());
      } finally {
        operator.close();
      }
    }
  }
}

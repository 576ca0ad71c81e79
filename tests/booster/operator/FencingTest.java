package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.TestCluster;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fencing: an instance writes only while its last renewal of the Lease began less than the renew
 * deadline ago (a deadline shorter than the lease), and a pass in flight when that ends sends
 * nothing more.
 */
@Timeout(60)
class FencingTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  @Test
  void aPassInFlightSendsNothingOnceTheFenceCloses() throws Exception {
    AtomicBoolean leader = new AtomicBoolean(true);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    DesiredChildren held =
        (booster, profile, warnings) -> {
          entered.countDown();
          try {
            proceed.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Translator(TranslatorConfig.defaults().withProfile(profile))
              .translate(booster, warnings);
        };
    Metrics metrics = new Metrics();
    Controller controller =
        new Controller(
            cluster.newClient(),
            Running.options(cluster).build(),
            metrics,
            held,
            "test",
            leader::get);
    try {
      controller.start();
      Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", "in-flight"));
      assertTrue(entered.await(15, TimeUnit.SECONDS), "a pass started");
      cluster.resetWrites();
      leader.set(false);
      proceed.countDown();
      Running.await("the pass ended", () -> metrics.reconciles() >= 1);
      assertEquals(
          List.of(), cluster.writes(), "writes of a pass whose leadership ended while it ran");
    } finally {
      controller.close();
    }
  }

  /**
   * A lock whose every write succeeds, recording nothing: the fence's bookkeeping is all that is
   * checked.
   */
  private static final class AcceptingLock implements Lock {
    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
      return null;
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {}

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {}

    @Override
    public String identity() {
      return "me";
    }

    @Override
    public String describe() {
      return "test lock";
    }
  }

  private static LeaderElectionRecord held(String holder) {
    ZonedDateTime now = ZonedDateTime.now();
    return new LeaderElectionRecord(holder, Duration.ofSeconds(15), now, now, 0);
  }

  @Test
  void theFenceClosesAtTheRenewDeadlineCountedFromWhenTheRenewalBegan() {
    AtomicLong clock = new AtomicLong();
    Leadership leadership = new Leadership(new AcceptingLock(), Duration.ofSeconds(10), clock::get);
    assertFalse(leadership.mayWrite(), "not before the lease is ours");

    leadership.get(null);
    leadership.create(null, held("me"));
    assertTrue(leadership.mayWrite());
    clock.addAndGet(Duration.ofSeconds(9).toNanos());
    assertTrue(leadership.mayWrite());

    // a renewal that began, was paused for 20 s, then was accepted: it counts from when it began
    leadership.get(null);
    clock.addAndGet(Duration.ofSeconds(20).toNanos());
    leadership.update(null, held("me"));
    assertFalse(leadership.mayWrite(), "a pause longer than the renew deadline closes the fence");

    leadership.get(null);
    leadership.update(null, held("me"));
    assertTrue(leadership.mayWrite(), "renewed again");
    leadership.lost();
    assertFalse(leadership.mayWrite(), "the elector said leadership ended");
  }

  @Test
  void releasingTheLeaseClosesTheFence() {
    Leadership leadership =
        new Leadership(new AcceptingLock(), Duration.ofSeconds(10), System::nanoTime);
    leadership.get(null);
    leadership.create(null, held("me"));
    assertTrue(leadership.mayWrite());
    leadership.get(null);
    leadership.update(null, held(null));
    assertFalse(leadership.mayWrite());
  }

  @Test
  void theRenewDeadlineMustBeShorterThanTheLease() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new OperatorOptions.Lease(
                null,
                "l",
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new OperatorOptions.Lease(
                null,
                "l",
                null,
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10)));
  }
}

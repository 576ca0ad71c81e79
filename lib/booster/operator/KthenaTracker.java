package booster.operator;

import booster.cluster.ApiErrors;
import booster.cluster.KthenaDetection;
import booster.cluster.KthenaVersion;
import booster.translate.ChildKind;
import booster.translate.KthenaProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * What the cluster serves of Kthena (the child kinds, and the profile to render for), detected at
 * start-up and again every resync period, so an upgrade of Kthena (or its CRDs) is followed without
 * a restart. A failed detection is logged and retried after a short pause; until the first one
 * succeeds, {@link #current()} is null.
 */
final class KthenaTracker implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KthenaTracker.class.getName());
  static final Duration RETRY = Duration.ofSeconds(5);

  /** One detection: the served child kinds, the profile, and what the profile was read from. */
  record State(Set<ChildKind> served, KthenaProfile profile, String evidence) {
    boolean sameAs(State other) {
      return other != null && served.equals(other.served) && profile == other.profile;
    }

    @Override
    public String toString() {
      return "Kthena "
          + profile
          + " ("
          + evidence
          + "); served child kinds: "
          + String.join(", ", served.stream().map(ChildKind::kind).toList());
    }
  }

  private final KubernetesClient client;
  private final KthenaVersion setting;
  private final Duration every;
  private final BiConsumer<State, State> onChange;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "booster-kthena-detection");
            t.setDaemon(true);
            return t;
          });
  private volatile State current;

  /**
   * @param every the resync period; zero detects only at start-up
   * @param onChange told (previous state or null, new state) on the first detection and on every
   *     change, on the detection thread
   */
  KthenaTracker(
      KubernetesClient client,
      KthenaVersion setting,
      Duration every,
      BiConsumer<State, State> onChange) {
    this.client = client;
    this.setting = setting;
    this.every = every;
    this.onChange = onChange;
  }

  /** Detects now (on the calling thread), then keeps detecting in the background. */
  void start() {
    detectAndReschedule();
  }

  /** The last detection, or null before the first one succeeded. */
  State current() {
    return current;
  }

  private void detectAndReschedule() {
    boolean ok = detect();
    if (!ok || !every.isZero()) {
      scheduler.schedule(
          this::detectAndReschedule, (ok ? every : RETRY).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private boolean detect() {
    try {
      Set<ChildKind> served = KthenaDetection.served(client);
      KthenaDetection.Detected profile = setting.resolve(client, () -> served);
      State now = new State(served, profile.profile(), profile.evidence());
      State before = current;
      if (!now.sameAs(before)) {
        LOG.info(() -> (before == null ? "cluster: " : "cluster changed: ") + now);
        current = now;
        try {
          onChange.accept(before, now);
        } catch (RuntimeException e) {
          current = before;
          throw e;
        }
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warning(
          () ->
              "cannot read which Kthena kinds the cluster serves, retrying in "
                  + RETRY.toSeconds()
                  + "s: "
                  + ApiErrors.message(e, client.getMasterUrl().toString()));
      return false;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

package booster.operator;

import booster.cluster.Fence;
import booster.translate.ChildKind;
import booster.translate.Translator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The operator process: health endpoints, then the controller, either directly or only while
 * holding the {@code Lease} (fabric8 LeaderElector). Losing the lease stops the controller; {@link
 * #close()} is the graceful shutdown (the reconciles in flight finish, the lease is released).
 */
final class Operator implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Operator.class.getName());
  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private final KubernetesClient client;
  private final OperatorOptions options;
  private final Metrics metrics = new Metrics();
  private final String identity;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Controller controller;
  private volatile boolean leading;
  private volatile boolean closing;
  private volatile boolean lostLease;
  private HealthServer health;
  private CompletableFuture<?> election;

  /** The Lease as the write fence; null (always open) without leader election. */
  private Leadership leadership;

  public Operator(KubernetesClient client, OperatorOptions options) {
    this.client = client;
    this.options = options;
    this.identity =
        options.lease().identity() != null ? options.lease().identity() : defaultIdentity();
  }

  public Operator start() {
    if (options.healthPort() >= 0) {
      health = new HealthServer(options.healthPort(), this::ready, metrics::render);
    }
    if (leaderElection()) {
      String ns = leaseNamespace();
      LOG.info(
          () ->
              "leader election on Lease " + ns + "/" + options.lease().name() + " as " + identity);
      leadership =
          new Leadership(
              new LeaseLock(ns, options.lease().name(), identity),
              options.lease().renewDeadline(),
              System::nanoTime);
      election =
          client
              .leaderElector()
              .withConfig(
                  new LeaderElectionConfigBuilder()
                      .withName(options.lease().name())
                      .withLock(leadership)
                      .withLeaseDuration(options.lease().duration())
                      .withRenewDeadline(options.lease().renewDeadline())
                      .withRetryPeriod(options.lease().retryPeriod())
                      .withReleaseOnCancel(true)
                      .withLeaderCallbacks(
                          new LeaderCallbacks(
                              this::startLeading,
                              this::stopLeading,
                              leader -> LOG.info(() -> "leader is now " + leader)))
                      .build())
              .build()
              .start();
    } else {
      startLeading();
    }
    return this;
  }

  Metrics metrics() {
    return metrics;
  }

  /**
   * The child kinds the controller watches now (empty while not leading or before the first
   * detection).
   */
  Set<ChildKind> watchedKinds() {
    Controller c = controller;
    return c == null ? Set.of() : c.watchedKinds();
  }

  /** True while this instance runs the controller. */
  public boolean leading() {
    return leading;
  }

  /** The port the health endpoints listen on, or -1. */
  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  /** Ready when the caches are synced, or when standing by for the lease. */
  public boolean ready() {
    Controller c = controller;
    return c != null ? c.synced() : leaderElection() && !closing;
  }

  /** True when the controller stopped because the lease was lost (not by {@link #close()}). */
  public boolean lostLease() {
    return lostLease;
  }

  /** Blocks until {@link #close()} ran or the lease was lost. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private synchronized void startLeading() {
    if (closing || controller != null) {
      return;
    }
    LOG.info(
        () ->
            leaderElection()
                ? identity + " is leading"
                : "leader election off: " + identity + " runs the controller");
    Controller c =
        new Controller(
            client,
            options,
            metrics,
            (booster, profile, warnings) ->
                new Translator(options.translator().withProfile(profile))
                    .translate(booster, warnings),
            identity,
            leadership != null ? leadership : Fence.OPEN);
    c.start();
    controller = c;
    leading = true;
  }

  /**
   * The lease is lost: the fence closes first, so the passes in flight stop at their next write.
   */
  private synchronized void stopLeading() {
    leading = false;
    if (leadership != null) {
      leadership.lost();
    }
    if (controller != null) {
      LOG.warning(() -> identity + " stopped leading; controller stops");
      controller.close();
      controller = null;
    }
    if (!closing) {
      lostLease = true;
      stopped.countDown();
    }
  }

  private boolean leaderElection() {
    return options.leaderElect() != null ? options.leaderElect() : inCluster();
  }

  private static boolean inCluster() {
    return System.getenv("KUBERNETES_SERVICE_HOST") != null
        && Files.isRegularFile(SERVICE_ACCOUNT_NAMESPACE);
  }

  private String leaseNamespace() {
    if (options.lease().namespace() != null) {
      return options.lease().namespace();
    }
    try {
      if (Files.isRegularFile(SERVICE_ACCOUNT_NAMESPACE)) {
        return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
      }
    } catch (java.io.IOException e) {
      LOG.fine("cannot read the service account namespace: " + e.getMessage());
    }
    return client.getNamespace() != null ? client.getNamespace() : "default";
  }

  private static String defaultIdentity() {
    String host = System.getenv("HOSTNAME");
    if (host == null) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "booster-operator";
      }
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Graceful stop: the reconciles in flight finish, the lease is released, the endpoints close. */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    synchronized (this) {
      if (controller != null) {
        controller.close();
        controller = null;
        leading = false;
      }
    }
    if (election != null) {
      election.cancel(true);
    }
    if (health != null) {
      health.close();
    }
    stopped.countDown();
    LOG.info(() -> identity + " stopped");
  }
}

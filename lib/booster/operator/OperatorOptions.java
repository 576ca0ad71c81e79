package booster.operator;

import booster.api.GoDuration;
import booster.cluster.KthenaVersion;
import booster.translate.TranslatorConfig;
import java.time.Duration;
import java.util.List;

/**
 * Everything the operator can be told. {@code leaderElect} null means "on inside a cluster, off
 * outside"; an empty {@code namespaces} list means all namespaces; {@code healthPort} 0 picks a
 * free port, -1 turns the endpoint off; a zero {@code resync} turns periodic resync (and
 * re-detection of the cluster's Kthena) off. The translator's own profile is not used: {@code
 * kthenaVersion} decides it, per cluster.
 */
record OperatorOptions(
    List<String> namespaces,
    int workers,
    Duration resync,
    Boolean leaderElect,
    int healthPort,
    TranslatorConfig translator,
    KthenaVersion kthenaVersion,
    Lease lease,
    Duration backoffBase,
    Duration backoffMax) {
  /** The defaults of the builder, which the command line shows and uses as its own. */
  static final int DEFAULT_WORKERS = 2;

  static final String DEFAULT_RESYNC = "10m";
  static final int DEFAULT_HEALTH_PORT = 8081;
  static final String DEFAULT_LEASE_NAME = "booster-operator";

  /**
   * Leader election settings (fabric8 LeaderElector); null namespace or identity means "work it
   * out". A leader stops writing once it has not renewed for {@code renewDeadline}; that must come
   * before the lease expires for others ({@code duration}), and renewals are retried every {@code
   * retryPeriod} within it.
   */
  public record Lease(
      String namespace,
      String name,
      String identity,
      Duration duration,
      Duration renewDeadline,
      Duration retryPeriod) {
    public Lease {
      if (renewDeadline.compareTo(duration) >= 0) {
        throw new IllegalArgumentException(
            "the renew deadline ("
                + renewDeadline.toMillis()
                + "ms) must be shorter "
                + "than the lease duration ("
                + duration.toMillis()
                + "ms)");
      }
      if (retryPeriod.compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException(
            "the retry period ("
                + retryPeriod.toMillis()
                + "ms) must be shorter "
                + "than the renew deadline ("
                + renewDeadline.toMillis()
                + "ms)");
      }
    }

    public static Lease defaults() {
      return new Lease(
          null,
          DEFAULT_LEASE_NAME,
          null,
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(2));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts from the defaults of the command line. */
  public static final class Builder {
    private List<String> namespaces = List.of();
    private int workers = DEFAULT_WORKERS;
    private Duration resync = GoDuration.parse(DEFAULT_RESYNC).orElseThrow();
    private Boolean leaderElect;
    private int healthPort = DEFAULT_HEALTH_PORT;
    private TranslatorConfig translator = TranslatorConfig.fromEnvironment(System.getenv());
    private KthenaVersion kthenaVersion = KthenaVersion.AUTO;
    private Lease lease = Lease.defaults();
    private Duration backoffBase = Duration.ofMillis(50);
    private Duration backoffMax = Duration.ofMinutes(5);

    public Builder namespaces(List<String> value) {
      namespaces = List.copyOf(value);
      return this;
    }

    public Builder workers(int value) {
      workers = value;
      return this;
    }

    public Builder resync(Duration value) {
      resync = value;
      return this;
    }

    public Builder leaderElect(Boolean value) {
      leaderElect = value;
      return this;
    }

    public Builder healthPort(int value) {
      healthPort = value;
      return this;
    }

    public Builder translator(TranslatorConfig value) {
      translator = value;
      return this;
    }

    public Builder kthenaVersion(KthenaVersion value) {
      kthenaVersion = value;
      return this;
    }

    public Builder lease(Lease value) {
      lease = value;
      return this;
    }

    public Builder backoff(Duration base, Duration max) {
      backoffBase = base;
      backoffMax = max;
      return this;
    }

    public OperatorOptions build() {
      return new OperatorOptions(
          namespaces,
          workers,
          resync,
          leaderElect,
          healthPort,
          translator,
          kthenaVersion,
          lease,
          backoffBase,
          backoffMax);
    }
  }
}

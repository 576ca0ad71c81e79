package booster.operator;

import booster.translate.TranslatorConfig;
import java.time.Duration;
import java.util.List;

/**
 * Everything the operator can be told. {@code leaderElect} null means "on inside a cluster, off outside";
 * an empty {@code namespaces} list means all namespaces; {@code healthPort} 0 picks a free port, -1 turns the
 * endpoint off.
 */
public record OperatorOptions(List<String> namespaces, int workers, Duration resync, Boolean leaderElect,
    int healthPort, TranslatorConfig translator, Lease lease, Duration backoffBase, Duration backoffMax) {

  /** Leader election settings (fabric8 LeaderElector). */
  public record Lease(String namespace, String name, String identity, Duration duration, Duration renewDeadline,
      Duration retryPeriod) {
  }

  public static OperatorOptions defaults() {
    return new OperatorOptions(List.of(), 2, Duration.ofMinutes(10), null, 8081,
        TranslatorConfig.fromEnvironment(System.getenv()),
        new Lease(null, "booster-operator", null, Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(2)),
        Duration.ofMillis(50), Duration.ofMinutes(5));
  }

  public OperatorOptions withNamespaces(List<String> value) {
    return new OperatorOptions(List.copyOf(value), workers, resync, leaderElect, healthPort, translator, lease,
        backoffBase, backoffMax);
  }

  public OperatorOptions withWorkers(int value) {
    return new OperatorOptions(namespaces, value, resync, leaderElect, healthPort, translator, lease, backoffBase,
        backoffMax);
  }

  public OperatorOptions withResync(Duration value) {
    return new OperatorOptions(namespaces, workers, value, leaderElect, healthPort, translator, lease, backoffBase,
        backoffMax);
  }

  public OperatorOptions withLeaderElect(Boolean value) {
    return new OperatorOptions(namespaces, workers, resync, value, healthPort, translator, lease, backoffBase,
        backoffMax);
  }

  public OperatorOptions withHealthPort(int value) {
    return new OperatorOptions(namespaces, workers, resync, leaderElect, value, translator, lease, backoffBase,
        backoffMax);
  }

  public OperatorOptions withTranslator(TranslatorConfig value) {
    return new OperatorOptions(namespaces, workers, resync, leaderElect, healthPort, value, lease, backoffBase,
        backoffMax);
  }

  public OperatorOptions withLease(Lease value) {
    return new OperatorOptions(namespaces, workers, resync, leaderElect, healthPort, translator, value, backoffBase,
        backoffMax);
  }
}

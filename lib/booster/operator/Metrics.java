package booster.operator;

import booster.cluster.WriteObserver;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Counters and a duration histogram, rendered in the Prometheus text format. */
final class Metrics implements WriteObserver {
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final Map<String, LongAdder> reconciles = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();
  private final LongAdder[] bucketCounts = new LongAdder[BUCKETS.length];
  private final LongAdder durationCount = new LongAdder();
  private final java.util.concurrent.atomic.DoubleAdder durationSum =
      new java.util.concurrent.atomic.DoubleAdder();
  private volatile IntSupplier queueDepth = () -> 0;

  Metrics() {
    for (int i = 0; i < BUCKETS.length; i++) {
      bucketCounts[i] = new LongAdder();
    }
  }

  void queue(IntSupplier depth) {
    this.queueDepth = depth;
  }

  void reconciled(Reconciler.Result result, Duration duration) {
    reconciles.computeIfAbsent(result.label(), k -> new LongAdder()).increment();
    double seconds = duration.toNanos() / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bucketCounts[i].increment();
      }
    }
    durationCount.increment();
    durationSum.add(seconds);
  }

  @Override
  public void wrote(String kind, String verb) {
    writes.computeIfAbsent(kind + "\u0000" + verb, k -> new LongAdder()).increment();
  }

  long reconciles() {
    return reconciles.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long writes() {
    return writes.values().stream().mapToLong(LongAdder::sum).sum();
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(
        "# HELP booster_reconcile_total Reconcile passes by result.\n# TYPE booster_reconcile_total counter\n");
    new TreeMap<>(reconciles)
        .forEach(
            (result, n) ->
                out.append("booster_reconcile_total{result=\"")
                    .append(result)
                    .append("\"} ")
                    .append(n.sum())
                    .append('\n'));
    out.append("# HELP booster_reconcile_duration_seconds Duration of reconcile passes.\n")
        .append("# TYPE booster_reconcile_duration_seconds histogram\n");
    for (int i = 0; i < BUCKETS.length; i++) {
      out.append("booster_reconcile_duration_seconds_bucket{le=\"")
          .append(BUCKETS[i])
          .append("\"} ")
          .append(bucketCounts[i].sum())
          .append('\n');
    }
    out.append("booster_reconcile_duration_seconds_bucket{le=\"+Inf\"} ")
        .append(durationCount.sum())
        .append('\n')
        .append("booster_reconcile_duration_seconds_sum ")
        .append(durationSum.sum())
        .append('\n')
        .append("booster_reconcile_duration_seconds_count ")
        .append(durationCount.sum())
        .append('\n');
    out.append(
            "# HELP booster_workqueue_depth Boosters waiting to be reconciled.\n# TYPE booster_workqueue_depth gauge\n")
        .append("booster_workqueue_depth ")
        .append(queueDepth.getAsInt())
        .append('\n');
    out.append(
        "# HELP booster_writes_total Write requests sent to the API server.\n# TYPE booster_writes_total counter\n");
    new TreeMap<>(writes)
        .forEach(
            (key, n) -> {
              String[] parts = key.split("\u0000");
              out.append("booster_writes_total{kind=\"")
                  .append(parts[0])
                  .append("\",verb=\"")
                  .append(parts[1])
                  .append("\"} ")
                  .append(n.sum())
                  .append('\n');
            });
    return out.toString();
  }
}

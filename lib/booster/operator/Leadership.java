package booster.operator;

import booster.cluster.Fence;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * This instance's hold on the Lease, as the fence every write passes ({@link Fence}): it wraps the
 * lock the fabric8 LeaderElector renews, and allows writes only while the last successful renewal
 * began less than the renew deadline ago, on the monotonic clock. The renew deadline is shorter
 * than the lease, and another instance may take the lease only once it expired, so this instance
 * stops writing before anyone else can start, whatever stopped it meanwhile: a frozen process, a
 * long GC pause or a suspended VM resumes with its clock moved on and finds the fence closed,
 * before its elector has even noticed the lease is gone.
 */
final class Leadership implements Lock, Fence {
  private final Lock lease;
  private final Duration renewDeadline;
  private final LongSupplier nanos;

  /**
   * When the renewal in progress began: the record it writes says "renewed now" from this moment
   * on.
   */
  private volatile long attemptStarted;

  private volatile long renewedAt;
  private volatile boolean held;
  private volatile boolean lost;

  Leadership(Lock lease, Duration renewDeadline, LongSupplier nanos) {
    this.lease = lease;
    this.renewDeadline = renewDeadline;
    this.nanos = nanos;
  }

  @Override
  public boolean mayWrite() {
    return held && !lost && nanos.getAsLong() - renewedAt < renewDeadline.toNanos();
  }

  /**
   * Leadership ended (the elector said so): nothing more is written, even if a renewal was in
   * flight.
   */
  void lost() {
    lost = true;
  }

  /** The elector reads the record first, after taking the time it writes into the new record. */
  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    attemptStarted = nanos.getAsLong();
    return lease.get(client);
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    lease.create(client, record);
    wrote(record);
  }

  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    lease.update(client, record);
    wrote(record);
  }

  /**
   * The server accepted the record: ours from the attempt's start (a release hands the lease back).
   */
  private void wrote(LeaderElectionRecord record) {
    held = Objects.equals(identity(), record.getHolderIdentity());
    if (held) {
      renewedAt = attemptStarted;
    }
  }

  @Override
  public String identity() {
    return lease.identity();
  }

  @Override
  public String describe() {
    return lease.describe();
  }
}

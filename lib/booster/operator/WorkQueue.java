package booster.operator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The operator's work queue, keyed by booster ({@code namespace/name}), with client-go's
 * guarantees: a key is never handed to two workers at once (an add during processing runs it again
 * afterwards); repeated adds of a waiting key coalesce into one; failures come back after an
 * exponential back-off, capped, that resets on success.
 */
final class WorkQueue implements AutoCloseable {
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Set<String> dirty = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "booster-queue-timer");
            t.setDaemon(true);
            return t;
          });
  private boolean shuttingDown;

  public WorkQueue(Duration baseDelay, Duration maxDelay) {
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  /** Queues the key unless it is already waiting; a key being processed runs again when done. */
  public void add(String key) {
    lock.lock();
    try {
      if (shuttingDown || !dirty.add(key)) {
        return;
      }
      if (!processing.contains(key)) {
        queue.addLast(key);
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  public void addAfter(String key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (!shuttingDown) {
        timer.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Requeues a failed key after its back-off: base * 2^(failures-1), at most the cap. A key added
   * again meanwhile (an event during the failed pass) is already queued: it runs at once, so no
   * timer is set and the delay is zero.
   *
   * @return how long until the key runs again
   */
  public Duration retry(String key) {
    Duration delay;
    lock.lock();
    try {
      int n = failures.merge(key, 1, Integer::sum);
      if (dirty.contains(key)) {
        return Duration.ZERO;
      }
      delay = backoff(n);
    } finally {
      lock.unlock();
    }
    addAfter(key, delay);
    return delay;
  }

  Duration backoff(int failureCount) {
    int shift = Math.min(failureCount - 1, 30);
    long millis = baseDelay.toMillis() << shift;
    return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
  }

  /** The key succeeded: its back-off starts over. */
  public void forget(String key) {
    lock.lock();
    try {
      failures.remove(key);
    } finally {
      lock.unlock();
    }
  }

  /** The next key to process, blocking; null once the queue is shut down. */
  public String take() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty() && !shuttingDown) {
        available.await();
      }
      if (shuttingDown) {
        return null;
      }
      String key = queue.removeFirst();
      processing.add(key);
      dirty.remove(key);
      return key;
    } finally {
      lock.unlock();
    }
  }

  /** Processing of the key ended; if it was added meanwhile, it is queued again. */
  public void done(String key) {
    lock.lock();
    try {
      processing.remove(key);
      if (dirty.contains(key) && !shuttingDown) {
        queue.addLast(key);
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Keys waiting to be processed. */
  public int depth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Stops handing out keys; keys in processing finish normally. */
  @Override
  public void close() {
    lock.lock();
    try {
      shuttingDown = true;
      available.signalAll();
    } finally {
      lock.unlock();
    }
    timer.shutdownNow();
  }
}

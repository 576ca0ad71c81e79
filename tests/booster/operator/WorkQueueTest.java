package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkQueueTest {
  private final WorkQueue queue = new WorkQueue(Duration.ofMillis(10), Duration.ofMillis(100));

  @Test
  void repeatedAddsCoalesce() throws Exception {
    queue.add("ns/a");
    queue.add("ns/a");
    queue.add("ns/b");
    queue.add("ns/a");
    assertEquals(2, queue.depth());
    assertEquals("ns/a", queue.take());
    assertEquals("ns/b", queue.take());
    assertEquals(0, queue.depth());
  }

  @Test
  void aKeyIsNeverHandedOutTwiceAtOnce() throws Exception {
    queue.add("ns/a");
    assertEquals("ns/a", queue.take());
    queue.add("ns/a");
    assertEquals(0, queue.depth(), "held back while processing");
    CompletableFuture<String> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return queue.take();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      second.get(200, TimeUnit.MILLISECONDS);
      throw new AssertionError("second take returned while the key was processing");
    } catch (TimeoutException expected) {
      // still processing
    }
    queue.done("ns/a");
    assertEquals("ns/a", second.get(2, TimeUnit.SECONDS));
  }

  @Test
  void failuresBackOffExponentiallyUpToTheCap() throws Exception {
    assertEquals(Duration.ofMillis(10), queue.backoff(1));
    assertEquals(Duration.ofMillis(20), queue.backoff(2));
    assertEquals(Duration.ofMillis(80), queue.backoff(4));
    assertEquals(Duration.ofMillis(100), queue.backoff(5));
    assertEquals(Duration.ofMillis(100), queue.backoff(64));
    assertEquals(Duration.ofMillis(10), queue.retry("ns/a"));
    assertEquals(Duration.ofMillis(20), queue.retry("ns/a"));
    assertEquals("ns/a", queue.take(), "the retry arrives after its delay");
    queue.done("ns/a");
    queue.forget("ns/a");
    assertEquals(Duration.ofMillis(10), queue.retry("ns/a"), "success resets the back-off");
  }

  @Test
  void closeReleasesWaitingWorkers() throws Exception {
    CompletableFuture<String> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return queue.take();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    queue.close();
    assertNull(waiting.get(2, TimeUnit.SECONDS));
  }

  /**
   * A key added again during its failed pass runs at once: the retry says so and adds no second,
   * later run.
   */
  @Test
  void aRetryOfAKeyQueuedAgainIsImmediateAndRunsOnce() throws Exception {
    queue.add("ns/a");
    assertEquals("ns/a", queue.take());
    queue.add("ns/a");
    queue.done("ns/a");
    assertEquals(Duration.ZERO, queue.retry("ns/a"));
    assertEquals("ns/a", queue.take());
    queue.done("ns/a");
    Thread.sleep(300);
    assertEquals(0, queue.depth(), "no delayed run after the immediate one");
  }
}

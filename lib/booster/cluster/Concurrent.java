package booster.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Reads that do not depend on each other, issued at once: a command waits for the slowest instead
 * of the sum of their round trips. Failures surface from {@link #await} in the order the caller
 * awaits, as if run one by one.
 */
public final class Concurrent {
  private Concurrent() {}

  /**
   * Starts {@code read} on a daemon thread (a command that fails early must not wait for it to
   * exit).
   */
  public static <T> CompletableFuture<T> start(Supplier<T> read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(read.get());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "kubectl-booster-read");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** The result, or the read's own exception. */
  public static <T> T await(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}

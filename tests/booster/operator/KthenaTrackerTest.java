package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import booster.cluster.KthenaVersion;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A cluster that cannot be asked leaves the operator undetected: nothing starts, so it is not
 * ready.
 */
class KthenaTrackerTest {
  @Test
  void aFailedDetectionStartsNothing() {
    AtomicInteger changes = new AtomicInteger();
    try (KubernetesClient dead =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder()
                        .withMasterUrl("https://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0)
                        .withConnectionTimeout(2000)
                        .build())
                .build();
        KthenaTracker tracker =
            new KthenaTracker(
                dead,
                KthenaVersion.AUTO,
                Duration.ZERO,
                (before, now) -> changes.incrementAndGet())) {
      tracker.start();
      assertNull(tracker.current(), "nothing detected");
      assertEquals(0, changes.get(), "nothing started");
    }
  }
}

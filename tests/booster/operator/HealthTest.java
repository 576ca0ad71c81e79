package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /healthz, /readyz and /metrics answer; metrics count reconciles and writes. */
@Timeout(60)
class HealthTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(Operator operator, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + operator.healthPort() + path))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void endpointsAnswer() {
    try (Operator operator = Running.operator(cluster, Running.options(cluster))) {
      assertEquals(200, get(operator, "/healthz").statusCode());
      await("ready", () -> get(operator, "/readyz").statusCode() == 200);
      Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null));
      await("Initialized", () -> Running.conditionIs(cluster, "test-model", "Initialized", "True"));
      String metrics = get(operator, "/metrics").body();
      assertTrue(metrics.contains("booster_reconcile_total{result=\"success\"}"), metrics);
      assertTrue(metrics.contains("booster_reconcile_duration_seconds_count"), metrics);
      assertTrue(metrics.contains("booster_workqueue_depth"), metrics);
      assertTrue(
          metrics.contains("booster_writes_total{kind=\"ModelServing\",verb=\"create\"} 1"),
          metrics);
      assertTrue(
          metrics.contains("booster_writes_total{kind=\"ModelBooster\",verb=\"updateStatus\"}"),
          metrics);
    }
  }
}

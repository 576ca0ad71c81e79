package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation warnings do not block a booster and are recorded as one event per generation
 * (docs/design.md §4.4).
 */
@Timeout(60)
class SpecWarningsTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  @SuppressWarnings("try") // the operator only has to be running while the block runs
  @Test
  void anUnknownConnectorIsRecordedOnceAndTheBoosterReconciles() {
    ModelBooster booster = Running.golden(cluster, "v0.4.0", "model.yaml", "fancy");
    ((ObjectNode) booster.getSpec().getBackend().getWorkers().get(0).getConfig())
        .put("kv-transfer-config", "{\"kv_connector\":\"FancyConnector\"}");
    try (Operator operator = Running.operator(cluster, Running.options(cluster))) {
      Running.create(cluster, booster);
      await("Initialized", () -> Running.conditionIs(cluster, "fancy", "Initialized", "True"));
      await("ValidationWarning event", () -> warnings().size() == 1);
      assertTrue(
          warnings().get(0).getMessage().contains("FancyConnector"),
          warnings().get(0).getMessage());

      // A second pass of the same generation (repairing a deleted child) does not repeat the
      // warning.
      Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
          .inNamespace(cluster.namespace())
          .withName("fancy")
          .delete();
      await(
          "route recreated",
          () ->
              Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
                      .inNamespace(cluster.namespace())
                      .withName("fancy")
                      .get()
                  != null);
      Running.sleep(500);
      assertEquals(1, warnings().size(), "one warning per generation");
    }
  }

  private static List<Event> warnings() {
    return Running.events(cluster).stream()
        .filter(
            e ->
                "ValidationWarning".equals(e.getReason())
                    && "fancy".equals(e.getInvolvedObject().getName()))
        .toList();
  }
}

package booster.operator;

import static booster.operator.Running.await;
import static booster.operator.Running.conditionIs;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cluster.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every golden input booster becomes exactly its translated children, controlled by it, then
 * Initialized.
 */
@Timeout(60)
class ReconcileTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private Operator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "v0.4.0, model.yaml",
    "v0.4.0, pd-disaggregated-model-mooncake.yaml",
    "v0.4.0, pd-disaggregated-model-npu.yaml",
    "v0.1.0, model.yaml",
    "v0.1.0, multi-backends-model.yaml",
    "v0.1.0, multi-lora-model.yaml",
    "v0.1.0, pd-disaggregated-model.yaml"
  })
  void goldenInputBecomesItsChildren(String tag, String file) {
    operator = Running.operator(cluster, Running.options(cluster));
    ModelBooster created = Running.create(cluster, Running.golden(cluster, tag, file, null));
    String name = created.getMetadata().getName();
    await(name + " Initialized", () -> conditionIs(cluster, name, "Initialized", "True"));

    Running.assertChildrenAreTheTranslation(cluster, name);
    assertTrue(
        conditionIs(cluster, name, "Active", "False"),
        "not Active before the ModelServings are available");
  }
}

package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.LiveChildren;
import booster.cluster.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Boosters the CRD would reject, stored anyway: Failed/InvalidSpec, no child, and their neighbours unaffected. */
@Timeout(60)
class InvalidBoosterTest {
  @RegisterExtension
  static final TestCluster cluster = new TestCluster();

  @Test
  void invalidBoostersFailWithoutChildrenWhileAValidOneReconciles() {
    ModelBooster both = Running.golden(cluster, "v0.4.0", "model.yaml", "both-shapes");
    both.getSpec().setBackends(List.of(both.getSpec().getBackend()));
    Running.create(cluster, both);
    Map<String, Object> badType = Serialization.jsonMapper().convertValue(
        Running.golden(cluster, "v0.4.0", "model.yaml", "bad-type"), Map.class);
    ((Map<String, Object>) ((Map<String, Object>) badType.get("spec")).get("backend")).put("type", "NotAnEngine");
    Kinds.genericBoosters(cluster.client()).inNamespace(cluster.namespace())
        .resource(Serialization.jsonMapper().convertValue(badType, GenericKubernetesResource.class)).create();

    try (Operator operator = Running.operator(cluster, Running.options(cluster))) {
      Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", "valid"));
      await("valid booster Initialized", () -> Running.conditionIs(cluster, "valid", "Initialized", "True"));
      for (String name : List.of("both-shapes", "bad-type")) {
        await(name + " Failed", () -> Running.conditionIs(cluster, name, "Failed", "True"));
        Map<String, Object> failed = Running.condition(cluster, name, "Failed");
        assertEquals("InvalidSpec", failed.get("reason"), name);
        assertEquals("False", Running.condition(cluster, name, "Initialized").get("status"), name);
        assertEquals(List.of(), LiveChildren.list(cluster.client(), cluster.namespace(), name).all(), name);
      }
      String message = String.valueOf(Running.condition(cluster, "both-shapes", "Failed").get("message"));
      assertTrue(message.contains("spec") && message.contains("backend"), message);
      String typeMessage = String.valueOf(Running.condition(cluster, "bad-type", "Failed").get("message"));
      assertTrue(typeMessage.contains("NotAnEngine"), typeMessage);
      assertEquals(5, LiveChildren.list(cluster.client(), cluster.namespace(), "valid").all().size());
    }
  }
}

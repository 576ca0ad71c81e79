package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.TestSerialization;
import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.LiveChildren;
import booster.cluster.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Boosters the CRD would reject, stored anyway: Failed/InvalidSpec, no child, and their neighbours
 * unaffected.
 */
@Timeout(60)
class InvalidBoosterTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  /**
   * The mock checks no schema, so invalid objects can be stored as if the CRD had no rules yet; a
   * real API server with our CRD refuses them (as it should), and then this test cannot run there:
   * skipped, not passed.
   */
  private static void storeDespiteTheCrd(GenericKubernetesResource booster) {
    try {
      Kinds.genericBoosters(cluster.client())
          .inNamespace(cluster.namespace())
          .resource(booster)
          .create();
    } catch (KubernetesClientException e) {
      Assumptions.assumeTrue(
          e.getCode() != 422, "the API server's CRD rejects invalid boosters: " + e.getMessage());
      throw e;
    }
  }

  @Test
  @SuppressWarnings({
    "unchecked",
    "try"
  }) // the operator only has to be running while the block runs
  void invalidBoostersFailWithoutChildrenWhileAValidOneReconciles() {
    ModelBooster both = Running.golden(cluster, "v0.4.0", "model.yaml", "both-shapes");
    both.getSpec().setBackends(List.of(both.getSpec().getBackend()));
    Map<String, Object> badType =
        TestSerialization.KUBERNETES.convertValue(
            Running.golden(cluster, "v0.4.0", "model.yaml", "bad-type"), Map.class);
    ((Map<String, Object>) ((Map<String, Object>) badType.get("spec")).get("backend"))
        .put("type", "NotAnEngine");
    for (Object invalid : List.of(both, badType)) {
      storeDespiteTheCrd(
          TestSerialization.KUBERNETES.convertValue(invalid, GenericKubernetesResource.class));
    }

    try (Operator operator = Running.operator(cluster, Running.options(cluster))) {
      Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", "valid"));
      await(
          "valid booster Initialized",
          () -> Running.conditionIs(cluster, "valid", "Initialized", "True"));
      for (String name : List.of("both-shapes", "bad-type")) {
        await(name + " Failed", () -> Running.conditionIs(cluster, name, "Failed", "True"));
        Map<String, Object> failed = Running.condition(cluster, name, "Failed");
        assertEquals("InvalidSpec", failed.get("reason"), name);
        assertEquals("False", Running.condition(cluster, name, "Initialized").get("status"), name);
        assertEquals(
            List.of(), LiveChildren.list(cluster.client(), cluster.namespace(), name).all(), name);
      }
      String message =
          String.valueOf(Running.condition(cluster, "both-shapes", "Failed").get("message"));
      assertTrue(message.contains("spec") && message.contains("backend"), message);
      String typeMessage =
          String.valueOf(Running.condition(cluster, "bad-type", "Failed").get("message"));
      assertTrue(typeMessage.contains("NotAnEngine"), typeMessage);
      assertEquals(
          5, LiveChildren.list(cluster.client(), cluster.namespace(), "valid").all().size());
    }
  }
}

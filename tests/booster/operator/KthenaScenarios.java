package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.Kinds;
import booster.cluster.LiveChildren;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.KthenaProfile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's create, repair, prune and status on a cluster of one Kthena release, with the
 * autoscaled v0.4.0 golden booster; each subclass names its release and the operator detects it
 * (--kthena-version=auto).
 */
abstract class KthenaScenarios {
  static final String SERVING = "test-model-backend1";

  Fixture f;

  abstract TestCluster cluster();

  @BeforeEach
  void start() {
    f = new Fixture(cluster(), Running.options(cluster()), "v0.4.0", "model.yaml");
  }

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  List<String> names() {
    return LiveChildren.list(cluster().client(), cluster().namespace(), f.name).all().stream()
        .map(c -> c.getKind() + "/" + c.getMetadata().getName())
        .sorted()
        .toList();
  }

  private List<String> allChildren(String backend) {
    List<String> names =
        new ArrayList<>(
            List.of(
                "AutoscalingPolicy/test-model-" + backend,
                "ModelRoute/test-model",
                "ModelServer/test-model-" + backend,
                "ModelServing/test-model-" + backend));
    if (cluster().profile() == KthenaProfile.V0_4) {
      names.add(1, "AutoscalingPolicyBinding/test-model-" + backend);
    }
    return names;
  }

  @Test
  void createsTheChildrenOfTheClustersRelease() {
    Running.assertChildrenAreTheTranslation(cluster(), f.name);
    assertEquals(allChildren("backend1"), names());
    Map<String, Object> policy = Fixture.spec(f.child(ChildKind.AUTOSCALING_POLICY, SERVING));
    Map<?, ?> metric = (Map<?, ?>) ((List<?>) policy.get("metrics")).get(0);
    if (cluster().profile() == KthenaProfile.V1_0) {
      assertTrue(policy.containsKey("homogeneousTarget"), policy.toString());
      assertTrue(
          metric.containsKey("name") && !metric.containsKey("metricName"), metric.toString());
    } else {
      assertFalse(policy.containsKey("homogeneousTarget"), policy.toString());
      assertTrue(metric.containsKey("metricName"), metric.toString());
    }
    await("ready", f.operator::ready);
  }

  @Test
  void aHandEditedPolicyIsPutBack() {
    Object metrics = Fixture.spec(f.child(ChildKind.AUTOSCALING_POLICY, SERVING)).get("metrics");
    f.editChild(
        ChildKind.AUTOSCALING_POLICY,
        SERVING,
        p -> {
          Fixture.spec(p)
              .put(
                  "metrics",
                  List.of(Map.of("name", "other", "metricName", "other", "targetValue", "99")));
          return p;
        });
    await(
        "policy repaired",
        () ->
            metrics.equals(
                Fixture.spec(f.child(ChildKind.AUTOSCALING_POLICY, SERVING)).get("metrics")));
  }

  @Test
  void renamingTheBackendPrunesEveryOldChild() {
    f.editBooster(b -> b.getSpec().getBackend().setName("backend2"));
    await("children of backend2 only", () -> names().equals(allChildren("backend2")));
  }

  @Test
  void removingAutoscalingPrunesItsChildren() {
    f.editBooster(b -> b.getSpec().setAutoscalingPolicy(null));
    await(
        "autoscaling children gone",
        () ->
            names()
                .equals(
                    List.of(
                        "ModelRoute/test-model",
                        "ModelServer/test-model-backend1",
                        "ModelServing/test-model-backend1")));
  }

  @Test
  void activeFollowsTheModelServing() {
    GenericKubernetesResource serving = f.child(ChildKind.MODEL_SERVING, SERVING);
    serving
        .getAdditionalProperties()
        .put(
            "status",
            Map.of(
                "observedGeneration",
                serving.getMetadata().getGeneration(),
                "conditions",
                List.of(
                    Map.of(
                        "type",
                        "Available",
                        "status",
                        "True",
                        "reason",
                        "AllGroupsReady",
                        "message",
                        "",
                        "lastTransitionTime",
                        "2026-01-01T00:00:00Z"))));
    Kinds.children(cluster().client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster().namespace())
        .resource(serving)
        .updateStatus();
    await("Active=True", () -> "True".equals(f.condition("Active").get("status")));
    assertEquals(
        "False", f.condition("Failed") == null ? "False" : f.condition("Failed").get("status"));
  }
}

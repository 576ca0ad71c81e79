package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.Kinds;
import booster.cluster.LiveChildren;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Availability, spec changes, renames and removals (docs/design.md §3, §4) on the v0.4.0 golden
 * booster.
 */
@Timeout(60)
class LifecycleTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();
  private static final String SERVING = "test-model-backend1";

  private Fixture f;

  @BeforeEach
  void start() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private void setAvailable(String status, String reason, String message) {
    GenericKubernetesResource serving = f.child(ChildKind.MODEL_SERVING, SERVING);
    servingStatus(
        serving.getMetadata().getGeneration(), Map.of(), available(status, reason, message));
  }

  /**
   * Plays the ModelServing controller: the generation it observed, replica counts, and its
   * conditions.
   */
  private void servingStatus(
      long observed, Map<String, Object> counts, Map<String, Object> condition) {
    GenericKubernetesResource serving = f.child(ChildKind.MODEL_SERVING, SERVING);
    Map<String, Object> status = new java.util.HashMap<>(counts);
    status.put("observedGeneration", observed);
    status.put("conditions", List.of(condition));
    serving.getAdditionalProperties().put("status", status);
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .resource(serving)
        .updateStatus();
  }

  private static Map<String, Object> available(String status, String reason, String message) {
    return Map.of(
        "type",
        "Available",
        "status",
        status,
        "reason",
        reason,
        "message",
        message,
        "lastTransitionTime",
        "2026-01-01T00:00:00Z");
  }

  /**
   * After an image change the ModelServing still says Available=True from before it saw the new
   * generation, then rolls its serving groups: Active stays False (reason UpdateInProgress) until
   * the controller observed the new generation and every serving group is updated, as {@code
   * kubectl rollout status} waits.
   */
  @Test
  void activeWaitsForTheModelServingsRollout() {
    // The golden booster scales from 0; the edit below asks for one serving group and a new image.
    servingStatus(
        1,
        Map.of("replicas", 0, "updatedReplicas", 0, "availableReplicas", 0),
        available("True", "AllGroupsReady", ""));
    await("Active=True", () -> "True".equals(f.condition("Active").get("status")));

    f.editBooster(
        b -> {
          b.getSpec().getBackend().getWorkers().get(0).setImage("vllm-server:v2");
          b.getSpec().getBackend().setMinReplicas(1);
        });
    await(
        "the booster's generation 2 reconciled",
        () -> Running.observedGeneration(cluster, f.name) == 2);
    assertEquals(2L, f.child(ChildKind.MODEL_SERVING, SERVING).getMetadata().getGeneration());
    assertEquals(
        "False", f.condition("Active").get("status"), "Available=True describes generation 1");
    assertEquals("UpdateInProgress", f.condition("Active").get("reason"));
    assertEquals(
        "ModelServing "
            + SERVING
            + " is at generation 2, the ModelServing controller has observed 1",
        f.condition("Active").get("message"));

    servingStatus(
        2,
        Map.of("replicas", 1, "updatedReplicas", 0, "availableReplicas", 1),
        available("True", "AllGroupsReady", ""));
    await(
        "0 of 1 updated",
        () ->
            String.valueOf(f.condition("Active").get("message"))
                .endsWith("has 0 of 1 serving groups updated"));
    servingStatus(
        2,
        Map.of("replicas", 2, "updatedReplicas", 1, "availableReplicas", 1),
        available("True", "AllGroupsReady", ""));
    await(
        "the old group pending termination",
        () ->
            String.valueOf(f.condition("Active").get("message"))
                .endsWith("has 1 old serving group pending termination"));
    assertEquals("False", f.condition("Active").get("status"));
    servingStatus(
        2,
        Map.of("replicas", 1, "updatedReplicas", 1, "availableReplicas", 1),
        available("True", "AllGroupsReady", ""));
    await("Active=True once rolled out", () -> "True".equals(f.condition("Active").get("status")));
  }

  @Test
  void activeFollowsTheModelServingsAvailability() {
    Object initializedSince = f.condition("Initialized").get("lastTransitionTime");
    assertEquals("False", f.condition("Active").get("status"));

    setAvailable("True", "AllGroupsReady", "ready");
    await("Active=True", () -> "True".equals(f.condition("Active").get("status")));
    assertEquals("ModelAvailable", f.condition("Active").get("reason"));

    setAvailable("False", "ServingGroupsUnhealthy", "2 pods crash-looping");
    await(
        "Active=False with the ModelServing's reason",
        () -> "ServingGroupsUnhealthy".equals(f.condition("Active").get("reason")));
    assertEquals("False", f.condition("Active").get("status"));
    assertTrue(
        String.valueOf(f.condition("Active").get("message")).contains("2 pods crash-looping"));
    assertEquals(initializedSince, f.condition("Initialized").get("lastTransitionTime"));
    assertNull(f.condition("Failed"), "no Failed condition on a healthy booster");
  }

  @Test
  void specChangeRollsTheModelServing() {
    f.editBooster(b -> b.getSpec().getBackend().getWorkers().get(0).setImage("vllm-server:v2"));
    await(
        "ModelServing has the new image",
        () ->
            Fixture.spec(f.child(ChildKind.MODEL_SERVING, SERVING))
                .toString()
                .contains("vllm-server:v2"));
    await("observedGeneration follows", () -> Running.observedGeneration(cluster, f.name) == 2);
  }

  @Test
  void renamingTheBackendPrunesTheOldChildren() {
    f.editBooster(b -> b.getSpec().getBackend().setName("backend2"));
    await(
        "children of backend2 only",
        () ->
            names()
                .equals(
                    List.of(
                        "AutoscalingPolicy/test-model-backend2",
                        "AutoscalingPolicyBinding/test-model-backend2",
                        "ModelRoute/test-model",
                        "ModelServer/test-model-backend2",
                        "ModelServing/test-model-backend2")));
  }

  @Test
  void removingTheAutoscalingPolicyPrunesPolicyAndBinding() {
    f.editBooster(b -> b.getSpec().setAutoscalingPolicy(null));
    await(
        "policy and binding gone",
        () ->
            names()
                .equals(
                    List.of(
                        "ModelRoute/test-model",
                        "ModelServer/test-model-backend1",
                        "ModelServing/test-model-backend1")));
  }

  private List<String> names() {
    return LiveChildren.list(cluster.client(), cluster.namespace(), f.name).all().stream()
        .map(c -> c.getKind() + "/" + c.getMetadata().getName())
        .sorted()
        .toList();
  }
}

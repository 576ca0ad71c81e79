package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rollout rule on ModelServing objects as Kthena's controller reports them (no cluster needed).
 */
class RolloutTest {
  private static GenericKubernetesResource serving(
      long generation, Map<String, Object> spec, Map<String, Object> status) {
    GenericKubernetesResource s = new GenericKubernetesResource();
    s.setKind("ModelServing");
    s.setMetadata(new ObjectMetaBuilder().withName("m").withGeneration(generation).build());
    s.setAdditionalProperty("spec", spec);
    if (status != null) {
      s.setAdditionalProperty("status", status);
    }
    return s;
  }

  private static Map<String, Object> status(
      long observed, int replicas, int updated, String available) {
    Map<String, Object> status =
        new HashMap<>(
            Map.of(
                "observedGeneration", observed, "replicas", replicas, "updatedReplicas", updated));
    status.put(
        "conditions",
        List.of(Map.of("type", "Available", "status", available, "reason", "AllGroupsReady")));
    return status;
  }

  private static String verdict(GenericKubernetesResource serving) {
    Rollout r = Rollout.of(serving);
    return (r.done() ? "done" : "waiting")
        + " "
        + r.reason()
        + (r.message().isEmpty() ? "" : ": " + r.message());
  }

  @Test
  void followsKubectlRolloutStatus() {
    Map<String, Object> three = Map.of("replicas", 3);
    assertEquals(
        "waiting Progressing: is not observed by the ModelServing controller yet",
        verdict(serving(1, three, null)));
    assertEquals(
        "waiting UpdateInProgress: is at generation 2, the ModelServing controller has observed 1",
        verdict(serving(2, three, status(1, 3, 3, "True"))));
    assertEquals(
        "waiting UpdateInProgress: has 1 of 3 serving groups updated",
        verdict(serving(2, three, status(2, 3, 1, "True"))));
    assertEquals(
        "waiting UpdateInProgress: has 2 old serving groups pending termination",
        verdict(serving(2, three, status(2, 5, 3, "True"))));
    assertEquals(
        "waiting AllGroupsReady: is not available",
        verdict(serving(2, three, status(2, 3, 3, "False"))));
    assertEquals("done Available", verdict(serving(2, three, status(2, 3, 3, "True"))));
    Map<String, Object> noCounts =
        new HashMap<>(
            Map.of(
                "observedGeneration",
                2L,
                "conditions",
                List.of(Map.of("type", "Available", "status", "True"))));
    assertEquals(
        "done Available",
        verdict(serving(2, three, noCounts)),
        "counts are checked where reported");
  }

  @Test
  void aPartitionKeepsItsOldGroups() {
    Map<String, Object> partitioned =
        Map.of(
            "replicas",
            4,
            "rolloutStrategy",
            Map.of("rollingUpdateConfiguration", Map.of("partition", 1)));
    assertEquals("done Available", verdict(serving(2, partitioned, status(2, 4, 3, "True"))));
    assertEquals(
        "waiting UpdateInProgress: has 2 of 3 serving groups updated",
        verdict(serving(2, partitioned, status(2, 4, 2, "True"))));
    Map<String, Object> percent =
        Map.of(
            "replicas",
            4,
            "rolloutStrategy",
            Map.of("rollingUpdateConfiguration", Map.of("partition", "30%")));
    assertEquals(
        "done Available",
        verdict(serving(2, percent, status(2, 4, 2, "True"))),
        "30% of 4 rounds up to 2");
  }
}

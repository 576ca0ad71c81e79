package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.translate.ChildKind;
import booster.translate.Children;
import booster.translate.Golden;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CompareTest {
  private final ModelBooster booster = Golden.input("v0.4.0", "model.yaml");

  private GenericKubernetesResource serving(Map<String, Object> spec) {
    return Children.of(ChildKind.MODEL_SERVING, booster, "test-model-backend1",
        new TreeMap<>(Map.of("a", "1")), spec);
  }

  private static Map<String, Object> spec(int replicas, int minRole) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", replicas);
    spec.put("template", new LinkedHashMap<>(Map.of(
        "roles", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "leader", "replicas", 1)))),
        "gangPolicy", new LinkedHashMap<>(Map.of("minRoleReplicas", new LinkedHashMap<>(Map.of("leader", minRole)))))));
    return spec;
  }

  @Test
  void defaultsAndForeignFieldsAreNotChanges() {
    GenericKubernetesResource live = serving(spec(1, 1));
    live.getMetadata().setResourceVersion("7");
    live.getMetadata().getLabels().put("someone", "else");
    live.getMetadata().setAnnotations(Map.of("note", "kept"));
    Map<String, Object> liveSpec = Compare.map(live.getAdditionalProperties().get("spec"));
    liveSpec.put("schedulerName", "volcano");
    Map<String, Object> role = Compare.map(((List<?>) Compare.map(liveSpec.get("template")).get("roles")).get(0));
    role.put("workerReplicas", 0L);
    role.put("replicas", 1L);
    assertEquals(List.of(), Compare.changes(serving(spec(1, 1)), live));
  }

  @Test
  void driftAndImmutableFieldsAreReported() {
    List<FieldChange> changes = Compare.changes(serving(spec(2, 2)), serving(spec(1, 1)));
    assertEquals(List.of(
        new FieldChange("spec.replicas", 2, 1, false),
        new FieldChange("spec.template.gangPolicy.minRoleReplicas.leader", 2, 1, true)), changes);
  }

  @Test
  void labelValuesWeSetAreCompared() {
    GenericKubernetesResource live = serving(spec(1, 1));
    live.getMetadata().getLabels().put("a", "2");
    List<FieldChange> changes = Compare.changes(serving(spec(1, 1)), live);
    assertEquals(List.of(new FieldChange("metadata.labels.a", "1", "2", false)), changes);
  }

  @Test
  void mergeKeepsOthersFieldsAndWritesOurs() {
    GenericKubernetesResource live = serving(spec(5, 1));
    live.getMetadata().setResourceVersion("7");
    live.getMetadata().setAnnotations(Map.of("note", "kept"));
    GenericKubernetesResource merged = Merge.ours(serving(spec(1, 1)), live);
    assertEquals("7", merged.getMetadata().getResourceVersion());
    assertEquals("kept", merged.getMetadata().getAnnotations().get("note"));
    assertEquals(List.of(), Compare.changes(serving(spec(1, 1)), merged));
  }

  @Test
  void autoscaledServingsLoseReplicasForComparison() {
    GenericKubernetesResource binding = Children.of(ChildKind.AUTOSCALING_POLICY_BINDING, booster,
        "test-model-backend1", Map.of(), Map.of("homogeneousTarget", Map.of("target",
            Map.of("targetRef", Map.of("kind", "ModelServing", "name", "test-model-backend1")))));
    List<GenericKubernetesResource> desired = List.of(serving(spec(1, 1)), binding);
    assertEquals(java.util.Set.of("test-model-backend1"), Compare.autoscaledServings(desired));
    GenericKubernetesResource forUpdate = Compare.withoutAutoscaledReplicas(desired).get(0);
    assertFalse(Compare.map(forUpdate.getAdditionalProperties().get("spec")).containsKey("replicas"));
    assertTrue(Compare.changes(forUpdate, serving(spec(4, 1))).isEmpty());
  }
}

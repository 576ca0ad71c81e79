package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.translate.ChildKind;
import booster.translate.Children;
import booster.translate.Golden;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Who owns a live ModelServing's replica counts: compared and written only when the booster's own
 * value changed.
 */
class ReplicaOwnershipTest {
  private static final String NAME = "test-model-backend1";
  private final ModelBooster booster = Golden.input("v0.4.0", "model.yaml");

  /**
   * A ModelServing with {@code replicas}, two roles, and the applied-replicas annotation (null:
   * none).
   */
  private GenericKubernetesResource serving(int replicas, String applied, int prefill, int decode) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", replicas);
    spec.put(
        "template",
        new LinkedHashMap<>(
            Map.of(
                "roles",
                new ArrayList<>(
                    List.of(
                        new LinkedHashMap<>(Map.of("name", "prefill", "replicas", prefill)),
                        new LinkedHashMap<>(Map.of("name", "decode", "replicas", decode)))))));
    GenericKubernetesResource serving =
        Children.of(ChildKind.MODEL_SERVING, booster, NAME, new TreeMap<>(Map.of("a", "1")), spec);
    if (applied != null) {
      serving.getMetadata().setAnnotations(new TreeMap<>(Map.of(Labels.APPLIED_REPLICAS, applied)));
    }
    return serving;
  }

  private GenericKubernetesResource policy(String target) {
    return Children.of(
        ChildKind.AUTOSCALING_POLICY,
        booster,
        NAME,
        Map.of(),
        Map.of(target, Map.of("targetRef", Map.of("kind", "ModelServing", "name", NAME))));
  }

  private static Object at(GenericKubernetesResource o, String... path) {
    Object current = o.getAdditionalProperties();
    for (String key : path) {
      current =
          current instanceof List<?> l ? l.get(Integer.parseInt(key)) : Trees.map(current).get(key);
    }
    return current;
  }

  @Test
  void anotherWritersReplicasAreNotAChange() {
    GenericKubernetesResource desired = serving(1, "1", 1, 1);
    GenericKubernetesResource live = serving(4, "1", 1, 1);
    GenericKubernetesResource applied =
        ReplicaOwnership.of(List.of(desired)).asApplied(desired, live);
    assertEquals(List.of(), Compare.changes(applied, live));
    assertEquals(
        4, at(Merge.ours(applied, live), "spec", "replicas"), "an update keeps the scaler's value");
  }

  @Test
  void theBoostersOwnChangeIsWritten() {
    GenericKubernetesResource desired = serving(2, "2", 1, 1);
    GenericKubernetesResource live = serving(4, "1", 1, 1);
    GenericKubernetesResource applied =
        ReplicaOwnership.of(List.of(desired)).asApplied(desired, live);
    assertEquals(
        List.of("metadata.annotations[\"registry.volcano.sh/applied-replicas\"]", "spec.replicas"),
        Compare.changes(applied, live).stream().map(FieldChange::path).toList());
    GenericKubernetesResource merged = Merge.ours(applied, live);
    assertEquals(2, at(merged, "spec", "replicas"));
    assertEquals("2", merged.getMetadata().getAnnotations().get(Labels.APPLIED_REPLICAS));
  }

  @Test
  void aServingWithoutTheAnnotationKeepsItsReplicasAndGetsTheAnnotation() {
    GenericKubernetesResource desired = serving(1, "1", 1, 1);
    GenericKubernetesResource live = serving(3, null, 1, 1);
    GenericKubernetesResource applied =
        ReplicaOwnership.of(List.of(desired)).asApplied(desired, live);
    assertEquals(
        List.of("metadata.annotations"),
        Compare.changes(applied, live).stream().map(FieldChange::path).toList());
    GenericKubernetesResource merged = Merge.ours(applied, live);
    assertEquals(3, at(merged, "spec", "replicas"), "adopted, never fought");
    assertEquals("1", merged.getMetadata().getAnnotations().get(Labels.APPLIED_REPLICAS));
  }

  @Test
  void creationSendsEverything() {
    GenericKubernetesResource desired = serving(1, "1", 1, 1);
    assertEquals(
        desired,
        ReplicaOwnership.of(List.of(desired, policy("disaggregatedTarget")))
            .asApplied(desired, null));
  }

  @Test
  void roleReplicasUnderADisaggregatedTargetAreLeftAlone() {
    GenericKubernetesResource desired = serving(1, "1", 1, 1);
    GenericKubernetesResource live = serving(1, "1", 3, 2);
    ReplicaOwnership rules = ReplicaOwnership.of(List.of(desired, policy("disaggregatedTarget")));
    GenericKubernetesResource applied = rules.asApplied(desired, live);
    assertEquals(List.of(), Compare.changes(applied, live));
    GenericKubernetesResource merged = Merge.ours(applied, live);
    assertEquals(3, at(merged, "spec", "template", "roles", "0", "replicas"));
    assertEquals(
        "decode", at(merged, "spec", "template", "roles", "1", "name"), "roles keep their order");
    assertEquals(2, at(merged, "spec", "template", "roles", "1", "replicas"));
  }

  @Test
  void roleReplicasAreTheBoostersWithoutADisaggregatedTarget() {
    GenericKubernetesResource desired = serving(1, "1", 1, 1);
    GenericKubernetesResource live = serving(1, "1", 3, 1);
    GenericKubernetesResource applied =
        ReplicaOwnership.of(List.of(desired, policy("homogeneousTarget"))).asApplied(desired, live);
    assertEquals(
        List.of("spec.template.roles[0].replicas"),
        Compare.changes(applied, live).stream().map(FieldChange::path).toList());
  }

  @Test
  void rolesThatMovedAreComparedInFull() {
    GenericKubernetesResource desired = serving(1, "1", 1, 1);
    GenericKubernetesResource live = serving(1, "1", 1, 1);
    Trees.map(at(live, "spec", "template", "roles", "0")).put("name", "decode");
    Trees.map(at(live, "spec", "template", "roles", "1")).put("name", "prefill");
    GenericKubernetesResource applied =
        ReplicaOwnership.of(List.of(desired, policy("disaggregatedTarget")))
            .asApplied(desired, live);
    assertTrue(Trees.map(at(applied, "spec", "template", "roles", "0")).containsKey("replicas"));
    assertFalse(Compare.changes(applied, live).isEmpty());
  }
}

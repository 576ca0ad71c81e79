package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    return Children.of(
        ChildKind.MODEL_SERVING,
        booster,
        "test-model-backend1",
        new TreeMap<>(Map.of("a", "1")),
        spec);
  }

  private static Map<String, Object> spec(int replicas, int minRole) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", replicas);
    spec.put(
        "template",
        new LinkedHashMap<>(
            Map.of(
                "roles",
                    new ArrayList<>(
                        List.of(new LinkedHashMap<>(Map.of("name", "leader", "replicas", 1)))),
                "gangPolicy",
                    new LinkedHashMap<>(
                        Map.of(
                            "minRoleReplicas", new LinkedHashMap<>(Map.of("leader", minRole)))))));
    return spec;
  }

  @Test
  void defaultsAndForeignFieldsAreNotChanges() {
    GenericKubernetesResource live = serving(spec(1, 1));
    live.getMetadata().setResourceVersion("7");
    live.getMetadata().getLabels().put("someone", "else");
    live.getMetadata().setAnnotations(Map.of("note", "kept"));
    Map<String, Object> liveSpec = Trees.map(live.getAdditionalProperties().get("spec"));
    liveSpec.put("schedulerName", "volcano");
    Map<String, Object> role =
        Trees.map(((List<?>) Trees.map(liveSpec.get("template")).get("roles")).get(0));
    role.put("workerReplicas", 0L);
    role.put("replicas", 1L);
    assertEquals(List.of(), Compare.changes(serving(spec(1, 1)), live));
  }

  @Test
  void driftAndImmutableFieldsAreReported() {
    List<FieldChange> changes = Compare.changes(serving(spec(2, 2)), serving(spec(1, 1)));
    assertEquals(
        List.of(
            new FieldChange("spec.replicas", 2, 1, false),
            new FieldChange("spec.template.gangPolicy.minRoleReplicas.leader", 2, 1, true)),
        changes);
  }

  @Test
  void labelValuesWeSetAreCompared() {
    GenericKubernetesResource live = serving(spec(1, 1));
    live.getMetadata().getLabels().put("a", "2");
    List<FieldChange> changes = Compare.changes(serving(spec(1, 1)), live);
    assertEquals(List.of(new FieldChange("metadata.labels.a", "1", "2", false)), changes);
  }

  @Test
  void ownerReferencesAreASetByUid() {
    GenericKubernetesResource live = serving(spec(1, 1));
    var foreign =
        new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
            .withApiVersion("v1")
            .withKind("ConfigMap")
            .withName("other")
            .withUid("other-uid")
            .build();
    live.getMetadata()
        .setOwnerReferences(List.of(foreign, live.getMetadata().getOwnerReferences().get(0)));
    assertEquals(
        List.of(), Compare.changes(serving(spec(1, 1)), live), "an extra owner is not a change");
    live.getMetadata().setOwnerReferences(List.of(foreign));
    List<FieldChange> changes = Compare.changes(serving(spec(1, 1)), live);
    assertEquals(1, changes.size());
    assertEquals("metadata.ownerReferences[uid=randomUID]", changes.get(0).path());
    GenericKubernetesResource merged = Merge.ours(serving(spec(1, 1)), live);
    assertEquals(2, merged.getMetadata().getOwnerReferences().size(), "theirs kept, ours added");
    assertEquals(List.of(), Compare.changes(serving(spec(1, 1)), merged));
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
  void anAutoscalingPolicySpecIsReplacedWholeNotMerged() {
    GenericKubernetesResource v04 =
        Children.of(
            ChildKind.AUTOSCALING_POLICY,
            booster,
            "p",
            new TreeMap<>(),
            Map.of("metrics", List.of(Map.of("metricName", "m", "targetValue", "1"))));
    v04.getMetadata().setResourceVersion("3");
    GenericKubernetesResource v10 =
        Children.of(
            ChildKind.AUTOSCALING_POLICY,
            booster,
            "p",
            new TreeMap<>(),
            Map.of(
                "metrics",
                List.of(Map.of("name", "m", "targetValue", "1")),
                "homogeneousTarget",
                Map.of()));
    GenericKubernetesResource merged = Merge.ours(v10, v04);
    assertEquals(
        v10.getAdditionalProperties().get("spec"),
        merged.getAdditionalProperties().get("spec"),
        "no metricName of the v0.4 shape left behind");
    assertEquals("3", merged.getMetadata().getResourceVersion());
  }

  private GenericKubernetesResource route(Map<String, Object> spec) {
    return Children.of(
        ChildKind.MODEL_ROUTE, booster, "test-model-tenant", new TreeMap<>(Map.of("a", "1")), spec);
  }

  private static Map<String, Object> routeSpec(
      String modelName, Map<String, Object> match, Object parentRefs, Object rateLimit) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("name", "default");
    if (match != null) {
      rule.put("modelMatch", match);
    }
    rule.put("targetModels", List.of(Map.of("modelServerName", "test-model-backend1")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("modelName", modelName);
    if (parentRefs != null) {
      spec.put("parentRefs", parentRefs);
    }
    spec.put("rules", List.of(rule));
    if (rateLimit != null) {
      spec.put("rateLimit", rateLimit);
    }
    return spec;
  }

  @Test
  void anOwnedFieldTheBoosterLeavesOutIsAChangeAndIsRemoved() {
    Map<String, Object> budget = Map.of("inputTokensPerUnit", 100, "unit", "second");
    GenericKubernetesResource live =
        route(
            routeSpec(
                "alias",
                Map.of("headers", Map.of("x-tenant", Map.of("exact", "a"))),
                List.of(Map.of("name", "gw", "group", "gateway.networking.k8s.io")),
                budget));
    live.getMetadata().setResourceVersion("4");
    GenericKubernetesResource desired = route(routeSpec("alias", null, null, null));
    assertEquals(
        List.of(
            new FieldChange(
                "spec.parentRefs",
                null,
                List.of(Map.of("name", "gw", "group", "gateway.networking.k8s.io")),
                false),
            new FieldChange(
                "spec.rules[0].modelMatch",
                null,
                Map.of("headers", Map.of("x-tenant", Map.of("exact", "a"))),
                false),
            new FieldChange("spec.rateLimit", null, budget, false)),
        Compare.changes(desired, live));
    GenericKubernetesResource merged = Merge.ours(desired, live);
    Map<String, Object> spec = Trees.map(merged.getAdditionalProperties().get("spec"));
    assertEquals(List.of("modelName", "rules"), List.copyOf(spec.keySet()));
    assertEquals(List.of(), Compare.changes(desired, merged));
  }

  @Test
  void anOwnedFieldIsReplacedWholeNotMerged() {
    GenericKubernetesResource live =
        route(
            routeSpec(
                "alias",
                Map.of("headers", Map.of("x-tenant", Map.of("exact", "a"))),
                List.of(Map.of("name", "gw", "sectionName", "https")),
                null));
    GenericKubernetesResource desired =
        route(
            routeSpec(
                "alias",
                Map.of("headers", Map.of("x-team", Map.of("exact", "b"))),
                List.of(Map.of("name", "internal")),
                null));
    Map<String, Object> spec =
        Trees.map(Merge.ours(desired, live).getAdditionalProperties().get("spec"));
    assertEquals(
        List.of(Map.of("name", "internal")), spec.get("parentRefs"), "no stale sectionName");
    assertEquals(
        Map.of("headers", Map.of("x-team", Map.of("exact", "b"))),
        Trees.map(((List<?>) spec.get("rules")).get(0)).get("modelMatch"),
        "no stale header");
  }

  @Test
  void serverDefaultsInsideAnOwnedFieldAreNotChanges() {
    GenericKubernetesResource live =
        route(
            routeSpec(
                "alias",
                null,
                List.of(
                    Map.of("name", "gw", "group", "gateway.networking.k8s.io", "kind", "Gateway")),
                null));
    assertEquals(
        List.of(),
        Compare.changes(
            route(routeSpec("alias", null, List.of(Map.of("name", "gw")), null)), live));
  }

  @Test
  void aRouteModelNameIsImmutable() {
    List<FieldChange> changes =
        Compare.changes(
            route(routeSpec("new-alias", null, null, null)),
            route(routeSpec("alias", null, null, null)));
    assertEquals(List.of(new FieldChange("spec.modelName", "new-alias", "alias", true)), changes);
  }

  @Test
  void networkTopologyLeftOutIsRemovedFromTheModelServing() {
    Map<String, Object> withTopology = spec(1, 1);
    Trees.map(withTopology.get("template"))
        .put("networkTopology", Map.of("groupPolicy", Map.of("mode", "hard")));
    GenericKubernetesResource live = serving(withTopology);
    assertEquals(
        List.of(
            new FieldChange(
                "spec.template.networkTopology",
                null,
                Map.of("groupPolicy", Map.of("mode", "hard")),
                false)),
        Compare.changes(serving(spec(1, 1)), live));
    assertEquals(
        null,
        Trees.map(
                Trees.map(
                        Merge.ours(serving(spec(1, 1)), live).getAdditionalProperties().get("spec"))
                    .get("template"))
            .get("networkTopology"));
  }
}

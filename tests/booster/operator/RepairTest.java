package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Drift repair, fields owned by others, and zero writes when nothing changed (decisions.md 14, 15, 21). */
@Timeout(60)
class RepairTest {
  @RegisterExtension
  static final TestCluster cluster = new TestCluster();
  private static final String SERVING = "test-model-backend1";

  private Fixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  /** A mutable field: the ModelRoute CRD makes modelName immutable, so a real API server refuses that edit. */
  @Test
  void handEditIsPutBackAndOthersAnnotationKept() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    Object rules = Fixture.spec(f.child(ChildKind.MODEL_ROUTE, "test-model")).get("rules");
    f.editChild(ChildKind.MODEL_ROUTE, "test-model", r -> {
      Fixture.spec(r).put("rules", List.of(Map.of("name", "hand-edited",
          "targetModels", List.of(Map.of("modelServerName", "elsewhere")))));
      r.getMetadata().setAnnotations(Map.of("example.com/note", "keep me"));
      return r;
    });
    await("route repaired", () -> rules.equals(Fixture.spec(f.child(ChildKind.MODEL_ROUTE, "test-model"))
        .get("rules")));
    assertEquals("keep me", f.child(ChildKind.MODEL_ROUTE, "test-model").getMetadata().getAnnotations()
        .get("example.com/note"));
  }

  @Test
  void deletedChildIsRecreated() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    String uid = f.child(ChildKind.MODEL_SERVER, SERVING).getMetadata().getUid();
    cluster.client().genericKubernetesResources(booster.cluster.Kinds.of(ChildKind.MODEL_SERVER))
        .inNamespace(cluster.namespace()).withName(SERVING).delete();
    await("ModelServer recreated", () -> {
      GenericKubernetesResource again = f.child(ChildKind.MODEL_SERVER, SERVING);
      return again != null && !uid.equals(again.getMetadata().getUid());
    });
  }

  @Test
  void replicasUnderAnAutoscalerAreLeftAlone() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    Running.sleep(300);
    cluster.resetWrites();
    f.awaitPasses(1, () -> f.editChild(ChildKind.MODEL_SERVING, SERVING, s -> {
      Fixture.spec(s).put("replicas", 3);
      return s;
    }));
    Running.sleep(200);
    assertEquals(3, ((Number) Fixture.spec(f.child(ChildKind.MODEL_SERVING, SERVING)).get("replicas")).intValue());
    assertEquals(List.of(), cluster.writes().stream().filter(w -> !w.startsWith("PATCH")).toList(),
        "the autoscaler's replicas caused no write");
  }

  @Test
  void immutableGangMinimumIsNotSent() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    String version = f.child(ChildKind.MODEL_SERVING, SERVING).getMetadata().getResourceVersion();
    f.editBooster(b -> b.getSpec().getBackend().getWorkers().get(0).setReplicas(2));
    await("Failed=ImmutableField", () -> f.condition("Failed") != null
        && "ImmutableField".equals(f.condition("Failed").get("reason")));
    String message = String.valueOf(f.condition("Failed").get("message"));
    assertTrue(message.contains("spec.template.gangPolicy.minRoleReplicas"), message);
    assertTrue(message.contains("delete the ModelServing"), message);
    assertEquals(version, f.child(ChildKind.MODEL_SERVING, SERVING).getMetadata().getResourceVersion());
  }

  @Test
  void resyncWithNothingChangedMakesZeroWrites() {
    f = new Fixture(cluster, Running.options(cluster).resync(Duration.ofMillis(200)), "v0.4.0", "model.yaml");
    Running.sleep(300);
    cluster.resetWrites();
    f.awaitPasses(4, () -> { });
    assertEquals(List.of(), cluster.writes());
  }

  @Test
  void objectWeDoNotControlIsUntouched() {
    // A schema-valid route (a real API server checks it): our route's spec, someone else's model, no owner.
    Map<String, Object> spec = new java.util.LinkedHashMap<>(Fixture.spec(new booster.translate.Translator(
        booster.translate.TranslatorConfig.defaults()).translate(Running.golden(cluster, "v0.4.0", "model.yaml", null))
        .stream().filter(c -> c.getKind().equals(ChildKind.MODEL_ROUTE.kind())).findFirst().orElseThrow()));
    spec.put("modelName", "someone-elses");
    GenericKubernetesResource theirs = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion(ChildKind.MODEL_ROUTE.apiVersion()).withKind(ChildKind.MODEL_ROUTE.kind())
        .withNewMetadata().withName("test-model").withNamespace(cluster.namespace()).endMetadata()
        .addToAdditionalProperties("spec", spec).build();
    theirs = booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
        .inNamespace(cluster.namespace()).resource(theirs).create();
    Operator operator = Running.operator(cluster, Running.options(cluster));
    try {
      String name = Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null))
          .getMetadata().getName();
      await("Failed=ResourceExists", () -> {
        Map<String, Object> failed = Running.condition(cluster, name, "Failed");
        return failed != null && "ResourceExists".equals(failed.get("reason"));
      });
      String message = String.valueOf(Running.condition(cluster, name, "Failed").get("message"));
      assertTrue(message.contains("ModelRoute test-model"), message);
      GenericKubernetesResource after = booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
          .inNamespace(cluster.namespace()).withName("test-model").get();
      assertEquals(theirs.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
      assertEquals(List.of(), after.getMetadata().getOwnerReferences());
      await("ResourceExists event", () -> cluster.client().v1().events().inNamespace(cluster.namespace()).list()
          .getItems().stream().anyMatch(e -> "ResourceExists".equals(e.getReason())
              && name.equals(e.getInvolvedObject().getName())));
      assertNotEquals(null, booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
          .inNamespace(cluster.namespace()).withName(SERVING).get(), "the other children are still applied");
    } finally {
      operator.close();
    }
  }
}

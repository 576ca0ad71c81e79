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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LiveChildrenTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private GenericKubernetesResource child(ChildKind kind, ModelBooster booster, String name) {
    booster.getMetadata().setNamespace(cluster.namespace());
    return Children.of(kind, booster, name, Labels.base(booster, "b"), Map.of("x", 1));
  }

  @Test
  void listsOneBoostersChildrenByKindAndName() {
    ModelBooster booster = Golden.input("v0.4.0", "model.yaml");
    ModelBooster other = Golden.input("v0.4.0", "model.yaml");
    other.getMetadata().setName("other");
    for (GenericKubernetesResource c :
        List.of(
            child(ChildKind.MODEL_ROUTE, booster, "test-model"),
            child(ChildKind.MODEL_SERVING, booster, "z"),
            child(ChildKind.MODEL_SERVING, booster, "a"),
            child(ChildKind.MODEL_SERVING, other, "other"))) {
      Kinds.children(cluster.client(), ChildKind.ofKind(c.getKind()))
          .inNamespace(cluster.namespace())
          .resource(c)
          .create();
    }
    LiveChildren live = LiveChildren.list(cluster.client(), cluster.namespace(), "test-model");
    assertEquals(
        List.of("a", "z", "test-model"),
        live.all().stream().map(o -> o.getMetadata().getName()).toList());
    assertTrue(live.find(ChildKind.MODEL_ROUTE, "test-model").isPresent());
    assertTrue(Ownership.controlledBy(live.of(ChildKind.MODEL_SERVING).get(0), booster));
    booster.getMetadata().setUid("another-uid");
    assertFalse(Ownership.controlledBy(live.of(ChildKind.MODEL_SERVING).get(0), booster));
    assertEquals(4, cluster.writes().stream().filter(w -> w.startsWith("POST")).count());
  }
}

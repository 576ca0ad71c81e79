package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import booster.api.ModelBooster;
import booster.translate.ChildKind;
import booster.translate.Children;
import booster.translate.Golden;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, update with optimistic concurrency, stale caches, and objects we do not control. */
class ApplyTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private static final ReplicaOwnership NO_SCALER = ReplicaOwnership.of(java.util.List.of());

  private ModelBooster booster;
  private Apply apply;

  @BeforeEach
  void setUp() {
    booster = Golden.input("v0.4.0", "model.yaml");
    booster.getMetadata().setNamespace(cluster.namespace());
    apply =
        new Apply(cluster.client(), new Writes(cluster.client(), Fence.OPEN, WriteObserver.NONE));
  }

  /**
   * A route whose rule name stands for any mutable field (its modelName is immutable in the
   * ModelRoute CRD).
   */
  private GenericKubernetesResource route(String rule) {
    return Children.of(
        ChildKind.MODEL_ROUTE,
        booster,
        "r",
        Labels.base(booster, ""),
        Map.of(
            "modelName",
            "m",
            "rules",
            List.of(
                Map.of("name", rule, "targetModels", List.of(Map.of("modelServerName", "s"))))));
  }

  private static Object ruleName(GenericKubernetesResource route) {
    return Trees.map(
            ((List<?>) Trees.map(route.getAdditionalProperties().get("spec")).get("rules")).get(0))
        .get("name");
  }

  private GenericKubernetesResource live() {
    return Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
        .inNamespace(cluster.namespace())
        .withName("r")
        .get();
  }

  @Test
  void staleCacheConflictIsRetriedAgainstTheLatestObject() {
    assertEquals(
        ChildPlan.Verdict.CREATE, apply.apply(route("a"), NO_SCALER, null, booster).action());
    GenericKubernetesResource stale = live();
    Kinds.child(cluster.client(), stale)
        .edit(
            r -> {
              r.getMetadata().setAnnotations(Map.of("someone", "else"));
              return r;
            });
    Apply.Result result = apply.apply(route("b"), NO_SCALER, stale, booster);
    assertEquals(ChildPlan.Verdict.UPDATE, result.action());
    assertEquals("b", ruleName(live()));
    assertEquals(
        "else", live().getMetadata().getAnnotations().get("someone"), "their annotation kept");
    assertEquals(
        ChildPlan.Verdict.LEAVE, apply.apply(route("b"), NO_SCALER, live(), booster).action());
  }

  @Test
  void childDeletedBehindTheCacheIsCreatedAgain() {
    apply.apply(route("a"), NO_SCALER, null, booster);
    GenericKubernetesResource cached = live();
    Kinds.child(cluster.client(), cached).delete();
    assertEquals(
        ChildPlan.Verdict.CREATE, apply.apply(route("b"), NO_SCALER, cached, booster).action());
    assertNotEquals(cached.getMetadata().getUid(), live().getMetadata().getUid());
  }

  @Test
  void anObjectWeDoNotControlIsNeverWritten() {
    GenericKubernetesResource theirs =
        Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
            .inNamespace(cluster.namespace())
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion(ChildKind.MODEL_ROUTE.apiVersion())
                    .withKind(ChildKind.MODEL_ROUTE.kind())
                    .withNewMetadata()
                    .withName("r")
                    .withNamespace(cluster.namespace())
                    .endMetadata()
                    .addToAdditionalProperties("spec", Map.of("modelName", "theirs"))
                    .build())
            .create();
    cluster.resetWrites();
    assertEquals(
        ChildPlan.Verdict.NOT_CONTROLLED,
        apply.apply(route("a"), NO_SCALER, null, booster).action());
    assertEquals(
        theirs.getMetadata().getResourceVersion(), live().getMetadata().getResourceVersion());
    assertEquals(1, cluster.writes().size(), "only the refused create: " + cluster.writes());
  }
}

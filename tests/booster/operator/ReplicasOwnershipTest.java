package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.Labels;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who owns a ModelServing's {@code spec.replicas} (docs/kthena-versions.md): the booster at creation and when its own
 * value changes, whoever scales the ModelServing otherwise; counted at the server, with resyncs running.
 */
@Timeout(60)
class ReplicasOwnershipTest {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.kthena("v1.0.0");
  private static final String SERVING = "test-model-backend1";

  private Operator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  /** The v0.4.0 golden booster without autoscaling: a fixed count of one serving group. */
  private static ModelBooster fixed() {
    ModelBooster booster = Running.golden(cluster, "v0.4.0", "model.yaml", null);
    booster.getSpec().setAutoscalingPolicy(null);
    booster.getSpec().getBackend().setMinReplicas(1);
    booster.getSpec().getBackend().setMaxReplicas(1);
    return booster;
  }

  private static GenericKubernetesResource serving() {
    return Kinds.children(cluster.client(), ChildKind.MODEL_SERVING).inNamespace(cluster.namespace())
        .withName(SERVING).get();
  }

  private static Object replicas() {
    return ((java.util.Map<?, ?>) serving().getAdditionalProperties().get("spec")).get("replicas");
  }

  /** The operator's writes (POST, PUT, DELETE; the test's own edits are PATCHes) to children. */
  private static List<String> operatorChildWrites() {
    return cluster.writes().stream().filter(w -> !w.startsWith("PATCH"))
        .filter(w -> !w.contains("/modelboosters/") && !w.contains("/events")).toList();
  }

  private void scaleTo(int replicas) {
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING).inNamespace(cluster.namespace()).withName(SERVING)
        .edit(s -> {
          Fixture.spec(s).put("replicas", replicas);
          return s;
        });
  }

  @Test
  void anotherWriterScalingAFixedBoosterCausesZeroWrites() {
    Fixture f = new Fixture(cluster, Running.options(cluster).resync(Duration.ofMillis(200)), "v0.4.0",
        "model.yaml");
    operator = f.operator;
    f.editBooster(b -> {
      b.getSpec().setAutoscalingPolicy(null);
      b.getSpec().getBackend().setMaxReplicas(0);
    });
    await("autoscaling pruned", () -> f.child(ChildKind.AUTOSCALING_POLICY, SERVING) == null);
    Running.sleep(400);
    cluster.resetWrites();
    f.awaitPasses(4, () -> scaleTo(3));
    assertEquals(3, ((Number) replicas()).intValue(), "KEDA's (or a person's) value stays");
    assertEquals(List.of(), operatorChildWrites(), "no write war over spec.replicas");
  }

  @Test
  void anOlderServingWithoutTheAnnotationKeepsItsReplicas() {
    ModelBooster booster = Running.create(cluster, fixed());
    // As an older operator left it: our translation without the annotation, scaled to 3 since.
    GenericKubernetesResource old = new Translator(TranslatorConfig.defaults().withProfile(cluster.profile()))
        .translate(booster).get(0);
    old.getMetadata().setAnnotations(null);
    Fixture.spec(old).put("replicas", 3);
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING).inNamespace(cluster.namespace()).resource(old)
        .create();
    cluster.resetWrites();
    operator = Running.operator(cluster, Running.options(cluster).resync(Duration.ofMillis(200)));
    await("annotation added", () -> serving().getMetadata().getAnnotations() != null
        && serving().getMetadata().getAnnotations().containsKey(Labels.APPLIED_REPLICAS));
    assertEquals(3, ((Number) replicas()).intValue(), "adopted, not reset to the booster's 1");
    assertEquals("1", serving().getMetadata().getAnnotations().get(Labels.APPLIED_REPLICAS));
    Running.sleep(600);
    assertEquals(1, operatorChildWrites().stream().filter(w -> w.contains("/modelservings/")).count(),
        "one update that adds the annotation: " + operatorChildWrites());
  }

  @Test
  void theBoostersOwnChangeIsWritten() {
    operator = Running.operator(cluster, Running.options(cluster));
    String name = Running.create(cluster, fixed()).getMetadata().getName();
    await(name + " Initialized", () -> Running.conditionIs(cluster, name, "Initialized", "True"));
    scaleTo(3);
    Kinds.boosters(cluster.client()).inNamespace(cluster.namespace()).withName(name).edit(b -> {
      b.getSpec().getBackend().setMinReplicas(2);
      b.getSpec().getBackend().setMaxReplicas(2);
      return b;
    });
    await("the booster's new value applied", () -> Integer.valueOf(2).equals(((Number) replicas()).intValue())
        && "2".equals(serving().getMetadata().getAnnotations().get(Labels.APPLIED_REPLICAS)));
  }
}

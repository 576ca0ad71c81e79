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
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who owns a ModelServing's {@code spec.replicas} (docs/kthena-versions.md): the booster at
 * creation and when its own value changes, whoever scales the ModelServing otherwise; counted at
 * the server, with resyncs running.
 */
@Timeout(60)
class ReplicasOwnershipTest {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v1.0.0");
  private static final String SERVING = "test-model-backend1";

  private Operator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  /**
   * Prefill scales per role from 1 to 3 inside one fixed serving group (a disaggregatedTarget);
   * decode fixed.
   */
  private static ModelBooster roleScaled() {
    ModelBooster booster =
        Serialization.unmarshal(
            """
        apiVersion: workload.serving.volcano.sh/v1alpha1
        kind: ModelBooster
        metadata: {name: roles}
        spec:
          autoscalingPolicy:
            metrics: [{metricName: "kthena:num_requests_waiting", targetValue: 10}]
          backend:
            name: pd
            type: vLLMDisaggregated
            modelURI: s3://bucket/model
            minReplicas: 1
            maxReplicas: 1
            workers:
              - {type: prefill, image: vllm:1, replicas: 1, maxReplicas: 3}
              - {type: decode, image: vllm:1, replicas: 1}
        """,
            ModelBooster.class);
    booster.getMetadata().setNamespace(cluster.namespace());
    return booster;
  }

  private static GenericKubernetesResource serving() {
    return Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .withName(SERVING)
        .get();
  }

  private static Object replicas() {
    return ((java.util.Map<?, ?>) serving().getAdditionalProperties().get("spec")).get("replicas");
  }

  /** The operator's writes (POST, PUT, DELETE; the test's own edits are PATCHes) to children. */
  private static List<String> operatorChildWrites() {
    return cluster.writes().stream()
        .filter(w -> !w.startsWith("PATCH"))
        .filter(w -> !w.contains("/modelboosters/") && !w.contains("/events"))
        .toList();
  }

  private void scaleTo(int replicas) {
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .withName(SERVING)
        .edit(
            s -> {
              Fixture.spec(s).put("replicas", replicas);
              return s;
            });
  }

  /**
   * Starts an operator resyncing every 200 ms, creates {@code booster}, waits until it is
   * Initialized.
   */
  private String running(ModelBooster booster) {
    operator = Running.operator(cluster, Running.options(cluster).resync(Duration.ofMillis(200)));
    String name = Running.create(cluster, booster).getMetadata().getName();
    await(name + " Initialized", () -> Running.conditionIs(cluster, name, "Initialized", "True"));
    return name;
  }

  /** Waits until the operator ran {@code passes} more reconciles (resyncs included). */
  private void awaitPasses(int passes) {
    long before = operator.metrics().reconciles();
    await(passes + " more passes", () -> operator.metrics().reconciles() >= before + passes);
  }

  @Test
  void anotherWriterScalingAFixedBoosterCausesZeroWrites() {
    running(Running.fixedReplicas(cluster));
    Running.sleep(300);
    cluster.resetWrites();
    scaleTo(3);
    awaitPasses(4);
    assertEquals(3, ((Number) replicas()).intValue(), "KEDA's (or a person's) value stays");
    assertEquals(List.of(), operatorChildWrites(), "no write war over spec.replicas");
  }

  @Test
  void roleReplicasUnderADisaggregatedTargetAreLeftAlone() {
    running(roleScaled());
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .withName("roles-pd")
        .edit(
            s -> {
              List<?> roles =
                  (List<?>) ((java.util.Map<?, ?>) Fixture.spec(s).get("template")).get("roles");
              @SuppressWarnings("unchecked")
              java.util.Map<String, Object> prefill = (java.util.Map<String, Object>) roles.get(0);
              assertEquals("prefill", prefill.get("name"));
              prefill.put("replicas", 3);
              return s;
            });
    Running.sleep(300);
    cluster.resetWrites();
    awaitPasses(4);
    assertEquals(
        List.of(), operatorChildWrites(), "the autoscaler's role replicas caused no write");
    List<?> roles =
        (List<?>)
            ((java.util.Map<?, ?>)
                    ((java.util.Map<?, ?>)
                            Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
                                .inNamespace(cluster.namespace())
                                .withName("roles-pd")
                                .get()
                                .getAdditionalProperties()
                                .get("spec"))
                        .get("template"))
                .get("roles");
    assertEquals(3, ((Number) ((java.util.Map<?, ?>) roles.get(0)).get("replicas")).intValue());
  }

  @Test
  void anOlderServingWithoutTheAnnotationKeepsItsReplicas() {
    ModelBooster booster = Running.create(cluster, Running.fixedReplicas(cluster));
    // As an older operator left it: our translation without the annotation, scaled to 3 since.
    GenericKubernetesResource old =
        new Translator(TranslatorConfig.defaults().withProfile(cluster.profile()))
            .translate(booster)
            .get(0);
    old.getMetadata().setAnnotations(null);
    Fixture.spec(old).put("replicas", 3);
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .resource(old)
        .create();
    cluster.resetWrites();
    operator = Running.operator(cluster, Running.options(cluster).resync(Duration.ofMillis(200)));
    await(
        "annotation added",
        () ->
            serving().getMetadata().getAnnotations() != null
                && serving().getMetadata().getAnnotations().containsKey(Labels.APPLIED_REPLICAS));
    assertEquals(3, ((Number) replicas()).intValue(), "adopted, not reset to the booster's 1");
    assertEquals("1", serving().getMetadata().getAnnotations().get(Labels.APPLIED_REPLICAS));
    Running.sleep(600);
    assertEquals(
        1,
        operatorChildWrites().stream().filter(w -> w.contains("/modelservings/")).count(),
        "one update that adds the annotation: " + operatorChildWrites());
  }

  @Test
  void theBoostersOwnChangeIsWritten() {
    String name = running(Running.fixedReplicas(cluster));
    scaleTo(3);
    Kinds.boosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName(name)
        .edit(
            b -> {
              b.getSpec().getBackend().setReplicas(2);
              return b;
            });
    await(
        "the booster's new value applied",
        () ->
            Integer.valueOf(2).equals(((Number) replicas()).intValue())
                && "2"
                    .equals(serving().getMetadata().getAnnotations().get(Labels.APPLIED_REPLICAS)));
  }
}

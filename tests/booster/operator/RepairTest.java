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

/**
 * Drift repair, fields owned by others, and zero writes when nothing changed (docs/design.md
 * §3.2-§3.7).
 */
@Timeout(60)
class RepairTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();
  private static final String SERVING = "test-model-backend1";

  private Fixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  /**
   * A mutable field: the ModelRoute CRD makes modelName immutable, so a real API server refuses
   * that edit.
   */
  @Test
  void handEditIsPutBackAndOthersAnnotationKept() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    Object rules = Fixture.spec(f.child(ChildKind.MODEL_ROUTE, "test-model")).get("rules");
    f.editChild(
        ChildKind.MODEL_ROUTE,
        "test-model",
        r -> {
          Fixture.spec(r)
              .put(
                  "rules",
                  List.of(
                      Map.of(
                          "name",
                          "hand-edited",
                          "targetModels",
                          List.of(Map.of("modelServerName", "elsewhere")))));
          r.getMetadata().setAnnotations(Map.of("example.com/note", "keep me"));
          return r;
        });
    await(
        "route repaired",
        () ->
            rules.equals(Fixture.spec(f.child(ChildKind.MODEL_ROUTE, "test-model")).get("rules")));
    assertEquals(
        "keep me",
        f.child(ChildKind.MODEL_ROUTE, "test-model")
            .getMetadata()
            .getAnnotations()
            .get("example.com/note"));
  }

  @Test
  void deletedChildIsRecreated() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    String uid = f.child(ChildKind.MODEL_SERVER, SERVING).getMetadata().getUid();
    cluster
        .client()
        .genericKubernetesResources(booster.cluster.Kinds.of(ChildKind.MODEL_SERVER))
        .inNamespace(cluster.namespace())
        .withName(SERVING)
        .delete();
    await(
        "ModelServer recreated",
        () -> {
          GenericKubernetesResource again = f.child(ChildKind.MODEL_SERVER, SERVING);
          return again != null && !uid.equals(again.getMetadata().getUid());
        });
  }

  @Test
  void replicasUnderAnAutoscalerAreLeftAlone() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    Running.sleep(300);
    cluster.resetWrites();
    f.awaitPasses(
        1,
        () ->
            f.editChild(
                ChildKind.MODEL_SERVING,
                SERVING,
                s -> {
                  Fixture.spec(s).put("replicas", 3);
                  return s;
                }));
    Running.sleep(200);
    assertEquals(
        3,
        ((Number) Fixture.spec(f.child(ChildKind.MODEL_SERVING, SERVING)).get("replicas"))
            .intValue());
    assertEquals(
        List.of(),
        cluster.writes().stream().filter(w -> !w.startsWith("PATCH")).toList(),
        "the autoscaler's replicas caused no write");
  }

  @Test
  void immutableGangMinimumIsNotSent() {
    f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml");
    String version = f.child(ChildKind.MODEL_SERVING, SERVING).getMetadata().getResourceVersion();
    f.editBooster(b -> b.getSpec().getBackend().getWorkers().get(0).setReplicas(2));
    await(
        "Failed=ImmutableField",
        () ->
            f.condition("Failed") != null
                && "ImmutableField".equals(f.condition("Failed").get("reason")));
    String message = String.valueOf(f.condition("Failed").get("message"));
    assertTrue(message.contains("spec.template.gangPolicy.minRoleReplicas"), message);
    assertTrue(message.contains("delete the ModelServing"), message);
    assertEquals(
        version, f.child(ChildKind.MODEL_SERVING, SERVING).getMetadata().getResourceVersion());
  }

  @Test
  void resyncWithNothingChangedMakesZeroWrites() {
    f =
        new Fixture(
            cluster,
            Running.options(cluster).resync(Duration.ofMillis(200)),
            "v0.4.0",
            "model.yaml");
    Running.sleep(300);
    cluster.resetWrites();
    f.awaitPasses(4, () -> {});
    assertEquals(List.of(), cluster.writes());
  }

  /**
   * A schema-valid route (a real API server checks it): our route's spec, someone else's model, no
   * owner, no label.
   */
  private static GenericKubernetesResource foreignRoute() {
    Map<String, Object> spec =
        new java.util.LinkedHashMap<>(
            Fixture.spec(
                new booster.translate.Translator(booster.translate.TranslatorConfig.defaults())
                    .translate(Running.golden(cluster, "v0.4.0", "model.yaml", null)).stream()
                        .filter(c -> c.getKind().equals(ChildKind.MODEL_ROUTE.kind()))
                        .findFirst()
                        .orElseThrow()));
    spec.put("modelName", "someone-elses");
    GenericKubernetesResource theirs =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion(ChildKind.MODEL_ROUTE.apiVersion())
            .withKind(ChildKind.MODEL_ROUTE.kind())
            .withNewMetadata()
            .withName("test-model")
            .withNamespace(cluster.namespace())
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    return booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
        .inNamespace(cluster.namespace())
        .resource(theirs)
        .create();
  }

  /**
   * Creates the golden booster, whose route name is taken: returns its name once it reports
   * ResourceExists.
   */
  private static String blockedBooster() {
    String name =
        Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null))
            .getMetadata()
            .getName();
    await(
        "Failed=ResourceExists",
        () -> {
          Map<String, Object> failed = Running.condition(cluster, name, "Failed");
          return failed != null && "ResourceExists".equals(failed.get("reason"));
        });
    return name;
  }

  @Test
  void objectWeDoNotControlIsUntouched() {
    GenericKubernetesResource theirs = foreignRoute();
    Operator operator = Running.operator(cluster, Running.options(cluster));
    try {
      String name = blockedBooster();
      String message = String.valueOf(Running.condition(cluster, name, "Failed").get("message"));
      assertTrue(message.contains("ModelRoute test-model"), message);
      GenericKubernetesResource after =
          booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
              .inNamespace(cluster.namespace())
              .withName("test-model")
              .get();
      assertEquals(
          theirs.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
      assertEquals(List.of(), after.getMetadata().getOwnerReferences());
      await(
          "ResourceExists event",
          () ->
              Running.events(cluster).stream()
                  .anyMatch(
                      e ->
                          "ResourceExists".equals(e.getReason())
                              && name.equals(e.getInvolvedObject().getName())));
      assertNotEquals(
          null,
          booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
              .inNamespace(cluster.namespace())
              .withName(SERVING)
              .get(),
          "the other children are still applied");
    } finally {
      operator.close();
    }
  }

  /**
   * A foreign object blocking a child is not in the caches (they hold labelled children): the
   * retries of the blocked booster read it and send no second create, the log's writes= counts
   * every child write request the server saw (the refused create too), and deleting the object lets
   * the next retry create the child.
   */
  @Test
  void aKnownConflictIsNotPostedAgainAndTheLogCountsEveryWrite() {
    foreignRoute();
    LogLines log = new LogLines(Controller.class);
    cluster.resetWrites();
    Operator operator =
        Running.operator(
            cluster,
            Running.options(cluster).backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
    try {
      String name = blockedBooster();
      long passes = operator.metrics().reconciles();
      await(
          "five more passes of the blocked booster",
          () -> operator.metrics().reconciles() >= passes + 5);
      List<String> routeCreates =
          cluster.writes().stream()
              .filter(w -> w.startsWith("POST ") && w.contains("/modelroutes"))
              .toList();
      assertEquals(1, routeCreates.size(), "one refused create, not one per pass: " + routeCreates);
      assertTrue(
          operator
              .metrics()
              .render()
              .contains("\nbooster_writes_total{kind=\"ModelRoute\",verb=\"create\"} 1\n"),
          operator.metrics().render());
      List<String> passLines =
          log.lines().stream()
              .map(l -> l.substring(l.indexOf(' ') + 1))
              .filter(
                  l -> l.startsWith("reconcile booster=" + cluster.namespace() + "/" + name + " "))
              .toList();
      int logged = passLines.stream().mapToInt(RepairTest::loggedWrites).sum();
      assertEquals(
          childWrites(cluster.writes()).size(),
          logged,
          "writes= in "
              + passLines
              + " against the "
              + "server's "
              + childWrites(cluster.writes()));

      booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
          .inNamespace(cluster.namespace())
          .withName("test-model")
          .delete();
      await(
          "our route created once the foreign one is gone",
          () -> {
            GenericKubernetesResource route =
                booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
                    .inNamespace(cluster.namespace())
                    .withName("test-model")
                    .get();
            return route != null && !route.getMetadata().getOwnerReferences().isEmpty();
          });
      await(
          "Failed cleared",
          () -> "False".equals(Running.condition(cluster, name, "Failed").get("status")));
    } finally {
      operator.close();
      log.close();
    }
  }

  private static int loggedWrites(String line) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" writes=(\\d+) ").matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * The write requests the server saw for child objects: not the booster, its status, or events.
   */
  private static List<String> childWrites(List<String> writes) {
    return writes.stream()
        .filter(
            w ->
                w.matches(
                    "\\S+ /apis/[a-z.]+\\.volcano\\.sh/v1alpha1/namespaces/[^/]+/"
                        + "(modelservings|modelservers|modelroutes|autoscalingpolicies|autoscalingpolicybindings)(/[^/?]+)?(\\?.*)?"))
        .toList();
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import booster.TestSerialization;
import booster.api.ModelBooster;
import booster.cluster.Compare;
import booster.cluster.Conditions;
import booster.cluster.Kinds;
import booster.cluster.KthenaVersion;
import booster.cluster.LiveChildren;
import booster.cluster.Ownership;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.Golden;
import booster.translate.Labels;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Test helpers: an operator on the test cluster, boosters from golden inputs, bounded polling. */
final class Running {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private Running() {}

  /**
   * Options for a test: this test's namespace only, no leader election, no resync, free health
   * port, and the Kthena version detected from the cluster, as in production.
   */
  static OperatorOptions.Builder options(TestCluster cluster) {
    return OperatorOptions.builder()
        .namespaces(List.of(cluster.namespace()))
        .leaderElect(false)
        .resync(Duration.ZERO)
        .healthPort(0)
        .translator(TranslatorConfig.defaults())
        .kthenaVersion(KthenaVersion.AUTO);
  }

  static Operator operator(TestCluster cluster, OperatorOptions.Builder options) {
    return new Operator(cluster.newClient(), options.build()).start();
  }

  /** A golden input booster placed in the test namespace, without the upstream uid. */
  static ModelBooster golden(TestCluster cluster, String tag, String file, String name) {
    ModelBooster booster = Golden.input(tag, file);
    booster.getMetadata().setUid(null);
    booster.getMetadata().setNamespace(cluster.namespace());
    if (name != null) {
      booster.getMetadata().setName(name);
    }
    return booster;
  }

  /** The v0.4.0 golden booster in the v1.0 shape: a fixed {@code replicas: 1}, no autoscaling. */
  static ModelBooster fixedReplicas(TestCluster cluster) {
    ModelBooster booster = golden(cluster, "v0.4.0", "model.yaml", null);
    booster.getSpec().setAutoscalingPolicy(null);
    booster.getSpec().getBackend().setMinReplicas(null);
    booster.getSpec().getBackend().setMaxReplicas(null);
    booster.getSpec().getBackend().setReplicas(1);
    return booster;
  }

  static ModelBooster create(TestCluster cluster, ModelBooster booster) {
    return Kinds.boosters(cluster.client())
        .inNamespace(cluster.namespace())
        .resource(booster)
        .create();
  }

  static GenericKubernetesResource booster(TestCluster cluster, String name) {
    return Kinds.genericBoosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  /** The condition of that type on the live booster, or null. */
  static Map<String, Object> condition(TestCluster cluster, String name, String type) {
    GenericKubernetesResource b = booster(cluster, name);
    Object status = b == null ? null : b.getAdditionalProperties().get("status");
    return Conditions.find(status instanceof Map<?, ?> m ? m.get("conditions") : null, type);
  }

  /** The live booster's status.observedGeneration, or -1 before the operator wrote one. */
  static long observedGeneration(TestCluster cluster, String name) {
    GenericKubernetesResource b = booster(cluster, name);
    Object status = b == null ? null : b.getAdditionalProperties().get("status");
    Object observed = status instanceof Map<?, ?> m ? m.get("observedGeneration") : null;
    return observed instanceof Number n ? n.longValue() : -1;
  }

  /** The events of the test namespace. */
  static List<Event> events(TestCluster cluster) {
    return cluster.client().v1().events().inNamespace(cluster.namespace()).list().getItems();
  }

  static boolean conditionIs(TestCluster cluster, String name, String type, String status) {
    Map<String, Object> c = condition(cluster, name, type);
    return c != null && status.equals(c.get("status"));
  }

  /**
   * What the translator makes of the booster as stored (with its server-assigned uid), for the
   * cluster's Kthena.
   */
  static List<GenericKubernetesResource> desired(TestCluster cluster, String name) {
    ModelBooster stored =
        TestSerialization.KUBERNETES.convertValue(booster(cluster, name), ModelBooster.class);
    return new Translator(TranslatorConfig.defaults().withProfile(cluster.profile()))
        .translate(stored);
  }

  /**
   * The booster's live children are exactly its translation: same set, controlled by it, nothing to
   * change.
   */
  static void assertChildrenAreTheTranslation(TestCluster cluster, String name) {
    List<GenericKubernetesResource> desired = desired(cluster, name);
    LiveChildren live = LiveChildren.list(cluster.client(), cluster.namespace(), name);
    assertEquals(
        desired.stream().map(d -> d.getKind() + "/" + d.getMetadata().getName()).sorted().toList(),
        live.all().stream()
            .map(d -> d.getKind() + "/" + d.getMetadata().getName())
            .sorted()
            .toList());
    GenericKubernetesResource stored = booster(cluster, name);
    for (GenericKubernetesResource d : desired) {
      GenericKubernetesResource child =
          live.find(ChildKind.ofKind(d.getKind()), d.getMetadata().getName()).orElseThrow();
      assertTrue(
          Ownership.controlledBy(child, stored),
          child.getMetadata().getName() + " controlled by booster");
      assertEquals(
          Labels.SEED_MANAGED_BY_VALUE,
          child.getMetadata().getLabels().get(Labels.SEED_MANAGED_BY));
      assertEquals(List.of(), Compare.changes(d, child), child.getMetadata().getName());
    }
  }

  static void await(String what, Supplier<Boolean> condition) {
    await(what, TIMEOUT, condition);
  }

  static void await(String what, Duration timeout, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Boolean.TRUE.equals(condition.get())) {
        return;
      }
      sleep(50);
    }
    fail("timed out after " + timeout.toSeconds() + "s waiting for: " + what);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * A cluster moving between Kthena v0.4 and v1.0 under a running operator: detected at a resync,
 * followed without a restart. The policy keeps its name and is updated in place (one PUT), the
 * bindings are pruned or recreated, and nothing else is written. Swaps CRDs: runs on the mock and
 * on servers whose CRDs these tests installed.
 */
@Timeout(90)
class VersionSwitchTest {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v0.4.0");
  private static final String NAME = "test-model-backend1";

  private Fixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
      cluster.serveKthena("v0.4.0");
    }
  }

  private Map<String, Object> policySpec() {
    GenericKubernetesResource policy = f.child(ChildKind.AUTOSCALING_POLICY, NAME);
    return policy == null ? Map.of() : Fixture.spec(policy);
  }

  private static boolean v10Shape(Map<String, Object> spec) {
    return spec.containsKey("homogeneousTarget") && !spec.toString().contains("metricName");
  }

  /** The writes the operator sent to the booster's children, in this test's namespace. */
  private List<String> childWrites() {
    return cluster.writes().stream()
        .filter(w -> w.contains("/namespaces/" + cluster.namespace() + "/"))
        .filter(w -> !w.contains("/modelboosters/") && !w.contains("/events"))
        .toList();
  }

  @Test
  void v04ToV10UpdatesThePolicyInPlaceAndPrunesTheBindingThenBack() {
    f =
        new Fixture(
            cluster,
            Running.options(cluster).resync(Duration.ofMillis(200)),
            "v0.4.0",
            "model.yaml");
    String booster = Running.booster(cluster, f.name).getMetadata().getUid();
    String policy = f.child(ChildKind.AUTOSCALING_POLICY, NAME).getMetadata().getUid();
    GenericKubernetesResource serving = f.child(ChildKind.MODEL_SERVING, NAME);
    await("binding created", () -> f.child(ChildKind.AUTOSCALING_POLICY_BINDING, NAME) != null);
    Running.sleep(300);
    cluster.resetWrites();

    // An upgraded cluster: the v1.0 AutoscalingPolicy CRD is applied, the old binding CRD stays
    // (Helm keeps it).
    cluster.installChildCrd("v1.0.0", "autoscalingpolicies");
    await(
        "policy in the v1.0 shape, binding pruned",
        () ->
            v10Shape(policySpec()) && f.child(ChildKind.AUTOSCALING_POLICY_BINDING, NAME) == null);
    Running.sleep(600);
    assertEquals(
        List.of(
            "PUT /apis/workload.serving.volcano.sh/v1alpha1/namespaces/"
                + cluster.namespace()
                + "/autoscalingpolicies/"
                + NAME,
            "DELETE /apis/workload.serving.volcano.sh/v1alpha1/namespaces/"
                + cluster.namespace()
                + "/autoscalingpolicybindings/"
                + NAME),
        childWrites().stream().map(w -> w.replaceFirst("\\?.*", "")).toList());
    assertEquals(
        policy,
        f.child(ChildKind.AUTOSCALING_POLICY, NAME).getMetadata().getUid(),
        "updated in place");
    assertEquals(
        serving.getMetadata().getResourceVersion(),
        f.child(ChildKind.MODEL_SERVING, NAME).getMetadata().getResourceVersion(),
        "ModelServing untouched");
    assertEquals(
        booster, Running.booster(cluster, f.name).getMetadata().getUid(), "booster not recreated");

    // The binding CRD goes too: its informer stops, readiness does not wait for it.
    cluster.deleteChildCrd("autoscalingpolicybindings");
    await(
        "binding kind no longer watched",
        () -> !f.operator.watchedKinds().contains(ChildKind.AUTOSCALING_POLICY_BINDING));
    await("ready", f.operator::ready);

    // And back: the v0.4 CRDs return, the policy takes the v0.4 shape in place and the binding is
    // recreated.
    cluster.resetWrites();
    cluster.serveKthena("v0.4.0");
    await(
        "binding recreated, policy in the v0.4 shape",
        () ->
            f.child(ChildKind.AUTOSCALING_POLICY_BINDING, NAME) != null
                && policySpec().toString().contains("metricName")
                && !policySpec().containsKey("homogeneousTarget"));
    assertTrue(f.operator.watchedKinds().contains(ChildKind.AUTOSCALING_POLICY_BINDING));
    assertEquals(
        policy,
        f.child(ChildKind.AUTOSCALING_POLICY, NAME).getMetadata().getUid(),
        "updated in place");
    assertFalse(
        childWrites().stream().anyMatch(w -> w.contains("/modelservings/")),
        childWrites().toString());
    await("ready", f.operator::ready);
    Running.assertChildrenAreTheTranslation(cluster, f.name);
  }
}

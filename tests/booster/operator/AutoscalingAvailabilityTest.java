package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Autoscaling the cluster cannot hold: no AutoscalingPolicy kind, or a mixed install refusing both
 * shapes.
 */
@Timeout(60)
class AutoscalingAvailabilityTest {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v0.4.0");

  private Operator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  private String created() {
    operator = Running.operator(cluster, Running.options(cluster));
    return Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null))
        .getMetadata()
        .getName();
  }

  @Test
  void withoutAutoscalingPoliciesTheBoosterFailsAndStillServes() {
    cluster.deleteChildCrd("autoscalingpolicybindings");
    cluster.deleteChildCrd("autoscalingpolicies");
    try {
      String name = created();
      await(
          "Failed=AutoscalingUnavailable",
          () -> {
            Map<String, Object> failed = Running.condition(cluster, name, "Failed");
            return failed != null && "AutoscalingUnavailable".equals(failed.get("reason"));
          });
      String message = String.valueOf(Running.condition(cluster, name, "Failed").get("message"));
      assertTrue(message.contains("autoscalingpolicies.workload.serving.volcano.sh"), message);
      assertNotNull(
          booster.cluster.Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
              .inNamespace(cluster.namespace())
              .withName("test-model-backend1")
              .get(),
          "the model still runs");
      await("ready", operator::ready);
    } finally {
      cluster.serveKthena("v0.4.0");
    }
  }

  @Test
  void aMixedInstallRejectingThePolicyReportsTheServersMessage() {
    // v1.0 webhooks with the v0.4 CRDs (a plain helm upgrade): the v0.4-shaped policy the schema
    // asks for is refused.
    String refusal =
        "admission webhook \"validate-autoscalingpolicy.volcano.sh\" denied the request: spec: Invalid "
            + "value: 0: exactly one of homogeneousTarget, heterogeneousTarget, or disaggregatedTarget must be set";
    cluster.rejectWrites(
        "\"kind\":\"AutoscalingPolicy\"",
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(400)
            .withReason("BadRequest")
            .withMessage(refusal)
            .build());
    String name = created();
    await(
        "Failed with the server's message",
        () -> {
          Map<String, Object> failed = Running.condition(cluster, name, "Failed");
          return failed != null && String.valueOf(failed.get("message")).contains(refusal);
        });
  }
}

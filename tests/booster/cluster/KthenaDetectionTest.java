package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.translate.ChildKind;
import booster.translate.KthenaProfile;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Detection against the served schema and resource lists. The class starts from Kthena v1.0.0's
 * CRDs, so on a real v1.0 cluster the first test runs as is; the others change the CRDs or hide
 * OpenAPI v3 (mock, or CRDs these tests installed; otherwise skipped).
 */
class KthenaDetectionTest {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v1.0.0");

  private static KthenaDetection.Detected detect() {
    return KthenaDetection.profile(
        cluster.client(), () -> KthenaDetection.served(cluster.client()));
  }

  @Test
  void aV10ClusterIsReadFromItsAutoscalingPolicySchema() {
    assertEquals(KthenaProfile.V1_0, detect().profile());
    assertEquals("the served AutoscalingPolicy schema", detect().evidence());
    // An upgraded real cluster may also serve the v0.4 binding kind; the schema decides all the
    // same.
    assertTrue(
        KthenaDetection.served(cluster.client())
            .containsAll(
                EnumSet.of(
                    ChildKind.MODEL_SERVING,
                    ChildKind.MODEL_SERVER,
                    ChildKind.MODEL_ROUTE,
                    ChildKind.AUTOSCALING_POLICY)));
  }

  @Test
  void aV04ClusterIsReadFromItsAutoscalingPolicySchema() {
    cluster.serveKthena("v0.4.0");
    try {
      assertEquals(KthenaProfile.V0_4, detect().profile());
      assertTrue(
          KthenaDetection.served(cluster.client()).contains(ChildKind.AUTOSCALING_POLICY_BINDING));
    } finally {
      cluster.serveKthena("v1.0.0");
    }
  }

  @Test
  void anUpgradedV10ClusterStillServingBindingsIsV10() {
    cluster.installChildCrd("v0.4.0", "autoscalingpolicybindings");
    try {
      assertTrue(
          KthenaDetection.served(cluster.client()).contains(ChildKind.AUTOSCALING_POLICY_BINDING));
      assertEquals(KthenaProfile.V1_0, detect().profile());
    } finally {
      cluster.deleteChildCrd("autoscalingpolicybindings");
    }
  }

  @Test
  void withoutOpenApiV3TheBindingKindDecides() {
    cluster.openApiV3(false);
    KthenaDetection.Detected v10 = detect();
    assertEquals(KthenaProfile.V1_0, v10.profile());
    assertTrue(v10.evidence().contains("autoscalingpolicybindings not served"), v10.evidence());
    cluster.serveKthena("v0.4.0");
    try {
      KthenaDetection.Detected v04 = detect();
      assertEquals(KthenaProfile.V0_4, v04.profile());
      assertTrue(v04.evidence().contains("autoscalingpolicybindings served"), v04.evidence());
    } finally {
      cluster.serveKthena("v1.0.0");
    }
  }

  @Test
  void aClusterWithoutAutoscalingPoliciesServesNone() {
    cluster.deleteChildCrd("autoscalingpolicies");
    try {
      assertEquals(
          EnumSet.of(ChildKind.MODEL_SERVING, ChildKind.MODEL_SERVER, ChildKind.MODEL_ROUTE),
          KthenaDetection.served(cluster.client()));
      assertEquals(KthenaProfile.V1_0, detect().profile());
    } finally {
      cluster.installChildCrd("v1.0.0", "autoscalingpolicies");
    }
  }

  @Test
  void anUnservedKindListsNoChildren() {
    assertEquals(
        java.util.List.of(), LiveChildren.list(cluster.client(), cluster.namespace(), "any").all());
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ClusterErrorsTest {
  @Test
  void forbiddenKeepsTheServersMessageWhichNamesVerbAndResource() {
    KubernetesClientException e = new KubernetesClientException(new StatusBuilder().withCode(403)
        .withReason("Forbidden").withMessage("modelboosters.workload.serving.volcano.sh \"qwen\" is forbidden: User "
            + "\"bob\" cannot get resource \"modelboosters\" in API group \"workload.serving.volcano.sh\" in the "
            + "namespace \"default\"").build());
    assertEquals("Error from server (Forbidden): modelboosters.workload.serving.volcano.sh \"qwen\" is forbidden: "
        + "User \"bob\" cannot get resource \"modelboosters\" in API group \"workload.serving.volcano.sh\" in the "
        + "namespace \"default\"", ClusterErrors.message(e, "https://k:6443"));
  }

  @Test
  void aBareStatusCodeStillGetsKubectlsReason() {
    KubernetesClientException e = new KubernetesClientException("denied", 403, null);
    assertEquals("Error from server (Forbidden): request is forbidden", ClusterErrors.message(e, "https://k:6443"));
  }

  @Test
  void connectionFailuresNameTheServer() {
    KubernetesClientException e = new KubernetesClientException("boom", new ConnectException("Connection refused"));
    assertEquals("error: cannot reach the cluster at https://k:6443: connection refused (Connection refused)",
        ClusterErrors.message(e, "https://k:6443"));
  }

  @Test
  void missingBoosterUsesKubectlsWording() {
    assertEquals("Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"x\" not found",
        ClusterErrors.message(Boosters.notFound("x"), "https://k:6443"));
  }
}

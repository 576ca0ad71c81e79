package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  @Test
  void forbiddenKeepsTheServersMessageWhichNamesVerbAndResource() {
    KubernetesClientException e =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "modelboosters.workload.serving.volcano.sh \"qwen\" is forbidden: User "
                        + "\"bob\" cannot get resource \"modelboosters\" in API group \"workload.serving.volcano.sh\" in the "
                        + "namespace \"default\"")
                .build());
    assertEquals(
        "Error from server (Forbidden): modelboosters.workload.serving.volcano.sh \"qwen\" is forbidden: "
            + "User \"bob\" cannot get resource \"modelboosters\" in API group \"workload.serving.volcano.sh\" in the "
            + "namespace \"default\"",
        ApiErrors.message(e, "https://k:6443"));
  }

  @Test
  void aBareStatusCodeStillGetsKubectlsReason() {
    KubernetesClientException e = new KubernetesClientException("denied", 403, null);
    assertEquals(
        "Error from server (Forbidden): request is forbidden",
        ApiErrors.message(e, "https://k:6443"));
  }

  /**
   * The chain fabric8 8 with the JDK client throws for a closed port; the innermost cause says
   * nothing.
   */
  @Test
  void aRefusedConnectionSaysSoNotTheInnermostCause() {
    KubernetesClientException e =
        new KubernetesClientException(
            "Operation: [list]  for kind: [Namespace]  with "
                + "name: [null]  in namespace: [null]  failed.",
            new IOException(null, new ConnectException().initCause(new ClosedChannelException())));
    assertEquals(
        "error: cannot reach the cluster at https://k:6443: connection refused",
        ApiErrors.message(e, "https://k:6443"));
  }

  @Test
  void timeoutsAndUnknownHostsAnywhereInTheChainAreNamed() {
    KubernetesClientException timeout =
        new KubernetesClientException(
            "failed", new IOException(new HttpTimeoutException("request timed out")));
    assertEquals(
        "error: cannot reach the cluster at https://k:6443: timed out (request timed out)",
        ApiErrors.message(timeout, "https://k:6443"));
    KubernetesClientException unknown =
        new KubernetesClientException("failed", new IOException(new UnknownHostException("k")));
    assertEquals(
        "error: cannot reach the cluster at https://k:6443: no such host (k)",
        ApiErrors.message(unknown, "https://k:6443"));
  }
}

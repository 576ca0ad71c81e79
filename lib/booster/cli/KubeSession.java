package booster.cli;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A connected client with the namespace the command works in and the server it talks to (named in
 * errors).
 */
record KubeSession(KubernetesClient client, String namespace, String server)
    implements AutoCloseable {
  @Override
  public void close() {
    client.close();
  }
}

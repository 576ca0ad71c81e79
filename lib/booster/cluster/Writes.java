package booster.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import java.util.function.Function;

/**
 * The one way {@link Apply}, {@link Prune}, {@link StatusWriter} and {@link Events} write: each
 * request is sent only if the {@link Fence} still allows it, checked right before sending, and is
 * counted for the metrics whether it succeeds or not. The client writes go through does not retry
 * on its own, so no retry is sent behind the fence's back: a failed write fails the pass, and the
 * work queue retries the pass, which checks again.
 */
public final class Writes {
  private final KubernetesClient client;
  private final Fence fence;
  private final WriteObserver observer;

  public Writes(KubernetesClient client, Fence fence, WriteObserver observer) {
    this.client =
        client
            .newClient(
                new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .adapt(KubernetesClient.class);
    this.fence = fence;
    this.observer = observer;
  }

  /**
   * Sends one write built on the given client.
   *
   * @throws FencedOff when the fence refuses it (nothing was sent)
   */
  public <T> T send(String kind, String verb, Function<KubernetesClient, T> request) {
    return send(kind, verb, WriteObserver.NONE, request);
  }

  /**
   * As above; {@code pass} (a reconcile pass's own count) is told of the request too, once it was
   * sent.
   */
  public <T> T send(
      String kind, String verb, WriteObserver pass, Function<KubernetesClient, T> request) {
    if (!fence.mayWrite()) {
      throw new FencedOff(kind, verb);
    }
    try {
      return request.apply(client);
    } finally {
      observer.wrote(kind, verb);
      pass.wrote(kind, verb);
    }
  }
}

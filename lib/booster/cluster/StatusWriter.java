package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One status write per pass (decisions.md 18), through the status subresource, on a copy of the object (never
 * the cached one): skipped when nothing changes; on 409 the booster is re-read and the status recomputed from it.
 * The server's answer to the last write is remembered per booster and used while a cache still shows exactly the
 * version that write replaced, so a pass running before the watch caught up neither rewrites the same status nor
 * sends a stale resourceVersion.
 */
public final class StatusWriter {
  private static final int ATTEMPTS = 5;

  private record Write(String basedOn, GenericKubernetesResource result) {
  }

  private final KubernetesClient client;
  private final WriteObserver observer;
  private final Map<String, Write> lastWrite = new ConcurrentHashMap<>();

  public StatusWriter(KubernetesClient client, WriteObserver observer) {
    this.client = client;
    this.observer = observer;
  }

  /**
   * @param booster the booster as read (not modified)
   * @param compute the new status from the current one
   * @return true when a write was made
   */
  @SuppressWarnings("unchecked")
  public boolean write(GenericKubernetesResource booster, UnaryOperator<Map<String, Object>> compute) {
    String key = booster.getMetadata().getNamespace() + "/" + booster.getMetadata().getName();
    Write last = lastWrite.get(key);
    GenericKubernetesResource current = last != null
        && last.basedOn().equals(booster.getMetadata().getResourceVersion()) ? last.result() : booster;
    for (int attempt = 1; ; attempt++) {
      Map<String, Object> tree = Trees.of(current);
      Map<String, Object> old = tree.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
      Map<String, Object> next = compute.apply(old);
      if (Trees.same(old, next)) {
        return false;
      }
      tree.put("status", next);
      try {
        GenericKubernetesResource result = Kinds.genericBoosters(client)
            .inNamespace(booster.getMetadata().getNamespace()).resource(Trees.toResource(tree)).updateStatus();
        observer.wrote(booster.getKind(), "updateStatus");
        lastWrite.put(key, new Write(String.valueOf(current.getMetadata().getResourceVersion()), result));
        return true;
      } catch (KubernetesClientException e) {
        observer.wrote(booster.getKind(), "updateStatus");
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
          throw e;
        }
        current = Kinds.genericBoosters(client).inNamespace(booster.getMetadata().getNamespace())
            .withName(booster.getMetadata().getName()).get();
        if (current == null) {
          return false;
        }
      }
    }
  }

  /** The booster is gone: drop what was remembered about it. */
  public void forget(HasMetadata booster) {
    lastWrite.remove(booster.getMetadata().getNamespace() + "/" + booster.getMetadata().getName());
  }
}

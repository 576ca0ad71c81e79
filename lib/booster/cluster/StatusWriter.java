package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One status write per pass (decisions.md 18), through the status subresource, on a copy of the object (never
 * the cached one): skipped when nothing changes; on 409 the booster is re-read and the status recomputed from it.
 * The server's answer to the last write is remembered per booster and used while a cache still shows exactly the
 * version that write replaced, so a pass running before the watch caught up neither rewrites the same status nor
 * sends a stale resourceVersion; it is forgotten when the booster goes, or at the booster informer's next list
 * ({@link UnseenWrites}).
 */
public final class StatusWriter {
  private static final int ATTEMPTS = 5;

  private record Write(String basedOn, GenericKubernetesResource result) {
  }

  private final KubernetesClient client;
  private final Writes writes;
  private final UnseenWrites<Write> lastWrite = new UnseenWrites<>();

  public StatusWriter(KubernetesClient client, Writes writes) {
    this.client = client;
    this.writes = writes;
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
        && last.basedOn().equals(booster.getMetadata().getResourceVersion())
        && Objects.equals(last.result().getMetadata().getUid(), booster.getMetadata().getUid()) ? last.result() : booster;
    for (int attempt = 1; ; attempt++) {
      Map<String, Object> tree = Trees.of(current);
      Map<String, Object> old = tree.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
      Map<String, Object> next = compute.apply(old);
      if (Trees.same(old, next)) {
        return false;
      }
      tree.put("status", next);
      try {
        GenericKubernetesResource updated = Trees.toResource(tree);
        GenericKubernetesResource result = writes.send(booster.getKind(), "updateStatus", c -> Kinds.genericBoosters(c)
            .inNamespace(booster.getMetadata().getNamespace()).resource(updated).updateStatus());
        lastWrite.put(key, new Write(String.valueOf(current.getMetadata().getResourceVersion()), result));
        return true;
      } catch (KubernetesClientException e) {
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

  /** A booster informer (of one namespace, or all when null) begins a list. */
  public void listing(String namespace) {
    lastWrite.listing(namespace == null ? "" : namespace + "/");
  }

  /** That list completed: what was remembered from before it yields to the cache. */
  public void listed(String namespace) {
    lastWrite.listed(namespace == null ? "" : namespace + "/");
  }
}

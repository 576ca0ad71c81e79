package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One status write per pass (docs/design.md §4.3), through the status subresource, on a copy of the
 * object (never the cached one): skipped when nothing changes; on 409 the booster is re-read and
 * the status recomputed from it. The server's answer to the last write is remembered ({@link
 * RecentWrites}) and used while a cache still shows exactly the version that write replaced, so a
 * pass running before the watch caught up neither rewrites the same status nor sends a stale
 * resourceVersion.
 */
public final class StatusWriter {
  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final Writes writes;
  private final RecentWrites recent;

  public StatusWriter(KubernetesClient client, Writes writes, RecentWrites recent) {
    this.client = client;
    this.writes = writes;
    this.recent = recent;
  }

  /**
   * @param booster the booster as read (not modified)
   * @param compute the new status from the current one
   * @return true when a write was made
   */
  @SuppressWarnings("unchecked")
  public boolean write(
      GenericKubernetesResource booster, UnaryOperator<Map<String, Object>> compute) {
    GenericKubernetesResource current = recent.live(booster, booster);
    for (int attempt = 1; ; attempt++) {
      Map<String, Object> tree = Trees.of(current);
      Map<String, Object> old =
          tree.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
      Map<String, Object> next = compute.apply(old);
      if (Trees.same(old, next)) {
        return false;
      }
      tree.put("status", next);
      try {
        GenericKubernetesResource updated = Trees.toResource(tree);
        GenericKubernetesResource result =
            writes.send(
                booster.getKind(),
                "updateStatus",
                c ->
                    Kinds.genericBoosters(c)
                        .inNamespace(booster.getMetadata().getNamespace())
                        .resource(updated)
                        .updateStatus());
        recent.put(current, result);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
          throw e;
        }
        current =
            Kinds.genericBoosters(client)
                .inNamespace(booster.getMetadata().getNamespace())
                .withName(booster.getMetadata().getName())
                .get();
        if (current == null) {
          return false;
        }
      }
    }
  }
}

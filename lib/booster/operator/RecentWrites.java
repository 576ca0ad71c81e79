package booster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Children this operator wrote or deleted whose watch event has not arrived yet. A pass that runs before the
 * informer saw our write would otherwise work from the older cached object (a create answered 409, an update with a
 * stale resourceVersion, a second delete of a pruned child). The server's answer is used instead only while the
 * cache still holds exactly the version the write was based on (or nothing, for a create); any newer cached version
 * wins. A pruned child counts as gone while the cache still holds the version we deleted.
 */
final class RecentWrites {
  private record Write(String basedOn, GenericKubernetesResource result) {
  }

  private final Map<String, Write> written = new ConcurrentHashMap<>();
  /** The resourceVersion each recently pruned child had when we deleted it. */
  private final Map<String, String> deleted = new ConcurrentHashMap<>();

  void put(GenericKubernetesResource before, GenericKubernetesResource result) {
    written.put(key(result), new Write(before == null ? null : before.getMetadata().getResourceVersion(), result));
  }

  /** The freshest object we know for the desired child, given what the cache holds. */
  GenericKubernetesResource live(GenericKubernetesResource desired, GenericKubernetesResource cached) {
    Write w = written.get(key(desired));
    String cachedVersion = cached == null ? null : cached.getMetadata().getResourceVersion();
    return w != null && Objects.equals(w.basedOn(), cachedVersion) ? w.result() : cached;
  }

  /** We deleted this child. */
  void deleted(GenericKubernetesResource child) {
    written.remove(key(child));
    deleted.put(key(child), String.valueOf(child.getMetadata().getResourceVersion()));
  }

  /** True while the cache still shows a child exactly as we deleted it. */
  boolean deletedAlready(GenericKubernetesResource cached) {
    return String.valueOf(cached.getMetadata().getResourceVersion()).equals(deleted.get(key(cached)));
  }

  /**
   * The informer delivered this object: once it shows our write (or is gone), the cache is current.
   *
   * @return true when the event is exactly our own write coming back (nothing new to reconcile)
   */
  boolean seen(HasMetadata object, boolean deleted) {
    String key = key(object);
    if (deleted) {
      this.deleted.remove(key);
    }
    Write w = written.get(key);
    if (w == null) {
      return false;
    }
    boolean ours = Objects.equals(w.result().getMetadata().getResourceVersion(),
        object.getMetadata().getResourceVersion());
    if (deleted || ours) {
      written.remove(key, w);
    }
    return ours && !deleted;
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}

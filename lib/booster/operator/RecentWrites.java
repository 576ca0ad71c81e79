package booster.operator;

import booster.cluster.UnseenWrites;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Children this operator wrote or deleted whose watch event has not arrived yet. A pass that runs before the
 * informer saw our write would otherwise work from the older cached object (a create answered 409, an update with a
 * stale resourceVersion, a second delete of a pruned child). The server's answer is used instead only while the
 * cache still holds exactly the version the write was based on (or nothing, for a create); any newer cached version
 * wins. A pruned child counts as gone while the cache still holds the version we deleted. Nothing is remembered past
 * the informer's next list ({@link UnseenWrites}): after a watch gap the cache, not this memory, says what exists.
 */
final class RecentWrites {
  private record Write(String basedOn, GenericKubernetesResource result) {
  }

  private final UnseenWrites<Write> written = new UnseenWrites<>();
  /** Recently pruned children, as they were when we deleted them. */
  private final UnseenWrites<GenericKubernetesResource> deleted = new UnseenWrites<>();

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
    deleted.put(key(child), child);
  }

  /** True while the cache still shows a child exactly as we deleted it. */
  boolean deletedAlready(GenericKubernetesResource cached) {
    GenericKubernetesResource gone = deleted.get(key(cached));
    return gone != null && Objects.equals(gone.getMetadata().getResourceVersion(),
        cached.getMetadata().getResourceVersion());
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

  /** An informer of this kind (in one namespace, or all when null) begins a list. */
  void listing(ChildKind kind, String namespace) {
    written.listing(scope(kind, namespace));
    deleted.listing(scope(kind, namespace));
  }

  /**
   * That list completed: what was remembered from before it yields to the cache.
   *
   * @return the children whose memory was dropped; their boosters must be reconciled against the fresh cache
   */
  List<GenericKubernetesResource> listed(ChildKind kind, String namespace) {
    List<GenericKubernetesResource> dropped = new ArrayList<>();
    written.listed(scope(kind, namespace)).forEach(w -> dropped.add(w.result()));
    dropped.addAll(deleted.listed(scope(kind, namespace)));
    return dropped;
  }

  private static String scope(ChildKind kind, String namespace) {
    return kind.kind() + "/" + (namespace == null ? "" : namespace + "/");
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}

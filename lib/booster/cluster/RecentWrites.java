package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects this operator wrote (children, and boosters' status) or deleted whose watch event has not
 * arrived yet. A pass that runs before the informer saw our write would otherwise work from the
 * older cached object (a create answered 409, an update with a stale resourceVersion, a status
 * written twice, a second delete of a pruned child). The server's answer is used instead only while
 * the cache still holds exactly the version the write was based on (or nothing, for a create); any
 * newer cached version wins. A pruned child counts as gone while the cache still holds the version
 * we deleted.
 *
 * <p>An entry lives until its watch event arrives ({@link #seen}), the object goes ({@link
 * #forget}), or a list covering it completes, whichever comes first: a list is what the server
 * holds. An informer relists after a watch gap it cannot resume (410 Gone); an object written and
 * deleted while its watch was down is in no list and sends no event, so without the last rule its
 * entry would outlive the object and hide its deletion.
 */
public final class RecentWrites {
  private record Write(String basedOn, GenericKubernetesResource result) {}

  private final Memory<Write> written = new Memory<>();

  /** Recently pruned children, as they were when we deleted them. */
  private final Memory<GenericKubernetesResource> deleted = new Memory<>();

  /** We wrote {@code result}, based on {@code before} (null for a create). */
  public void put(GenericKubernetesResource before, GenericKubernetesResource result) {
    written.put(
        ObjectKey.withKind(result),
        new Write(before == null ? null : before.getMetadata().getResourceVersion(), result));
  }

  /**
   * The freshest object we know of {@code object}'s kind and name, given what the cache holds
   * ({@code cached}).
   */
  public GenericKubernetesResource live(HasMetadata object, GenericKubernetesResource cached) {
    Write w = written.get(ObjectKey.withKind(object));
    if (w == null) {
      return cached;
    }
    boolean current =
        cached == null
            ? w.basedOn() == null
            : Objects.equals(w.basedOn(), cached.getMetadata().getResourceVersion())
                && Objects.equals(w.result().getMetadata().getUid(), cached.getMetadata().getUid());
    return current ? w.result() : cached;
  }

  /** We deleted this child. */
  public void deleted(GenericKubernetesResource child) {
    written.remove(ObjectKey.withKind(child));
    deleted.put(ObjectKey.withKind(child), child);
  }

  /** True while the cache still shows a child exactly as we deleted it. */
  public boolean deletedAlready(GenericKubernetesResource cached) {
    GenericKubernetesResource gone = deleted.get(ObjectKey.withKind(cached));
    return gone != null
        && Objects.equals(
            gone.getMetadata().getResourceVersion(), cached.getMetadata().getResourceVersion());
  }

  /**
   * The informer delivered this object: once it shows our write (or is gone), the cache is current.
   *
   * @return true when the event is exactly our own write coming back (nothing new to reconcile)
   */
  public boolean seen(HasMetadata object, boolean deleted) {
    String key = ObjectKey.withKind(object);
    if (deleted) {
      this.deleted.remove(key);
    }
    Write w = written.get(key);
    if (w == null) {
      return false;
    }
    boolean ours =
        Objects.equals(
            w.result().getMetadata().getResourceVersion(),
            object.getMetadata().getResourceVersion());
    if (deleted || ours) {
      written.remove(key, w);
    }
    return ours && !deleted;
  }

  /** The object is gone: drop what was remembered about it. */
  public void forget(HasMetadata object) {
    written.remove(ObjectKey.withKind(object));
    deleted.remove(ObjectKey.withKind(object));
  }

  /** An informer of this kind (in one namespace, or all when null) begins a list. */
  public void listing(String kind, String namespace) {
    written.listing(ObjectKey.scope(kind, namespace));
    deleted.listing(ObjectKey.scope(kind, namespace));
  }

  /**
   * That list completed: what was remembered from before it yields to the cache.
   *
   * @return the objects whose memory was dropped; their boosters must be reconciled against the
   *     fresh cache
   */
  public List<GenericKubernetesResource> listed(String kind, String namespace) {
    List<GenericKubernetesResource> dropped = new ArrayList<>();
    written.listed(ObjectKey.scope(kind, namespace)).forEach(w -> dropped.add(w.result()));
    dropped.addAll(deleted.listed(ObjectKey.scope(kind, namespace)));
    return dropped;
  }

  /**
   * Values by key, each remembered until removed or until a list covering its key (a key prefix,
   * the scope) completes that began after it was put.
   */
  static final class Memory<V> {
    private record Entry<V>(V value, long written) {}

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    /** When each scope's list in progress began, on the same clock as the entries. */
    private final Map<String, Long> listing = new ConcurrentHashMap<>();

    private final AtomicLong clock = new AtomicLong();

    void put(String key, V value) {
      entries.put(key, new Entry<>(value, clock.incrementAndGet()));
    }

    /** The remembered value, or null. */
    V get(String key) {
      Entry<V> entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    /** Forgets the key, but only if it still holds {@code value} (a newer write stays). */
    void remove(String key, V value) {
      entries.computeIfPresent(key, (k, entry) -> entry.value() == value ? null : entry);
    }

    void remove(String key) {
      entries.remove(key);
    }

    /** A list covering {@code scope} begins. */
    void listing(String scope) {
      listing.put(scope, clock.get());
    }

    /**
     * The list covering {@code scope} completed: every entry under it put before the list began is
     * dropped.
     */
    List<V> listed(String scope) {
      Long began = listing.remove(scope);
      List<V> dropped = new ArrayList<>();
      if (began == null) {
        return dropped;
      }
      entries.forEach(
          (key, entry) -> {
            if (key.startsWith(scope) && entry.written() <= began && entries.remove(key, entry)) {
              dropped.add(entry.value());
            }
          });
      return dropped;
    }
  }
}

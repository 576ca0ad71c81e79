package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates a missing child or brings a drifted one back (decisions.md 15, 17, 21): create when absent; when present
 * and controlled by the booster, update only if {@link Compare} finds a change in the fields the booster owns
 * ({@link ReplicaOwnership}), sending the live object with our fields merged in and its resourceVersion (optimistic
 * concurrency, re-read and retry on 409; a child deleted behind a stale cache is created again). An object of the
 * same name we do not control is never written; an immutable field change is never sent. Such an object is not in
 * the caches (they hold labelled children only), so it is remembered: later passes read it instead of sending a
 * create the server refused before, until it is gone or controlled.
 */
public final class Apply {
  private static final int CONFLICT_ATTEMPTS = 5;

  private final KubernetesClient client;
  private final Writes writes;
  /** Objects of a child's kind, namespace and name that a create ran into and that we do not control. */
  private final Set<String> foreign = ConcurrentHashMap.newKeySet();

  public Apply(KubernetesClient client, Writes writes) {
    this.client = client;
    this.writes = writes;
  }

  /** What happened to one child. */
  public enum Action { CREATED, UPDATED, UNCHANGED, NOT_CONTROLLED, IMMUTABLE }

  /**
   * @param object the child after the call (as the server returned it, or the live one when not written)
   * @param changes the fields that differed (for UPDATED and IMMUTABLE)
   */
  public record Result(Action action, GenericKubernetesResource object, List<FieldChange> changes) {
  }

  /**
   * @param desired the child as created (all fields)
   * @param replicas which replica counts of a live ModelServing are the booster's to compare and update
   * @param cached the live child from a cache, or null when the cache has none (then the server decides)
   * @param owner the booster; only a child it controls (by UID) is updated
   */
  public Result apply(GenericKubernetesResource desired, ReplicaOwnership replicas,
      GenericKubernetesResource cached, HasMetadata owner) {
    return apply(desired, replicas, cached, owner, WriteObserver.NONE);
  }

  /** As above; {@code pass} is also told of every write request sent, answered or refused. */
  public Result apply(GenericKubernetesResource desired, ReplicaOwnership replicas,
      GenericKubernetesResource cached, HasMetadata owner, WriteObserver pass) {
    Result result = attempt(desired, replicas, cached, owner, pass);
    if (result.action() == Action.NOT_CONTROLLED) {
      foreign.add(key(desired));
    } else {
      foreign.remove(key(desired));
    }
    return result;
  }

  private Result attempt(GenericKubernetesResource desired, ReplicaOwnership replicas,
      GenericKubernetesResource cached, HasMetadata owner, WriteObserver pass) {
    GenericKubernetesResource live = cached;
    if (live == null && foreign.contains(key(desired))) {
      live = handle(desired).get();
    }
    if (live == null) {
      try {
        GenericKubernetesResource created = writes.send(desired.getKind(), "create", pass,
            c -> Kinds.child(c, desired).create());
        return new Result(Action.CREATED, created, List.of());
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        live = handle(desired).get();
        if (live == null) {
          throw e;
        }
      }
    }
    for (int attempt = 1; ; attempt++) {
      if (!Ownership.controlledBy(live, owner)) {
        return new Result(Action.NOT_CONTROLLED, live, List.of());
      }
      GenericKubernetesResource comparable = replicas.asApplied(desired, live);
      List<FieldChange> changes = Compare.changes(comparable, live);
      if (changes.isEmpty()) {
        return new Result(Action.UNCHANGED, live, List.of());
      }
      List<FieldChange> immutable = changes.stream().filter(FieldChange::immutable).toList();
      if (!immutable.isEmpty()) {
        return new Result(Action.IMMUTABLE, live, immutable);
      }
      try {
        GenericKubernetesResource merged = Merge.ours(comparable, live);
        GenericKubernetesResource updated = writes.send(desired.getKind(), "update", pass,
            c -> Kinds.child(c, merged).update());
        return new Result(Action.UPDATED, updated, changes);
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return attempt(desired, replicas, null, owner, pass);
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
          throw e;
        }
        live = handle(desired).get();
        if (live == null) {
          return attempt(desired, replicas, null, owner, pass);
        }
      }
    }
  }

  private Resource<GenericKubernetesResource> handle(GenericKubernetesResource child) {
    return Kinds.child(client, child);
  }

  private static String key(GenericKubernetesResource child) {
    return child.getKind() + "/" + child.getMetadata().getNamespace() + "/" + child.getMetadata().getName();
  }
}

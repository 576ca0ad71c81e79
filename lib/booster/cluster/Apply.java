package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.List;

/**
 * Creates a missing child or brings a drifted one back (decisions.md 15, 17, 21): create when absent; when present
 * and controlled by the booster, update only if {@link Compare} finds a change in the fields the booster owns
 * ({@link ReplicaOwnership}), sending the live object with our fields merged in and its resourceVersion (optimistic
 * concurrency, re-read and retry on 409; a child deleted behind a stale cache is created again). An object of the
 * same name we do not control is never written; an immutable field change is never sent.
 */
public final class Apply {
  private static final int CONFLICT_ATTEMPTS = 5;

  private final KubernetesClient client;
  private final Writes writes;

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
    GenericKubernetesResource live = cached;
    if (live == null) {
      try {
        GenericKubernetesResource created = writes.send(desired.getKind(), "create",
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
        GenericKubernetesResource updated = writes.send(desired.getKind(), "update",
            c -> Kinds.child(c, merged).update());
        return new Result(Action.UPDATED, updated, changes);
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return apply(desired, replicas, null, owner);
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
          throw e;
        }
        live = handle(desired).get();
        if (live == null) {
          return apply(desired, replicas, null, owner);
        }
      }
    }
  }

  private Resource<GenericKubernetesResource> handle(GenericKubernetesResource child) {
    return Kinds.child(client, child);
  }
}

package booster.cluster;

import booster.cluster.ChildPlan.Step;
import booster.cluster.ChildPlan.Verdict;
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
 * Does what {@link ChildPlan} decides for one desired child: creates it when absent, sends the
 * merged object when it drifted, with the live object's resourceVersion (optimistic concurrency: on
 * 409 the child is re-read and decided again; a child deleted behind a stale cache is created
 * again). An object of the same name we do not control is never written (docs/design.md §3.3,
 * §3.4). Such an object is not in the caches (they hold labelled children only), so it is
 * remembered: later passes read it instead of sending a create the server refused before, until it
 * is gone or controlled.
 */
public final class Apply {
  private static final int CONFLICT_ATTEMPTS = 5;

  private final KubernetesClient client;
  private final Writes writes;

  /**
   * Objects of a child's kind, namespace and name that a create ran into and that we do not
   * control.
   */
  private final Set<String> foreign = ConcurrentHashMap.newKeySet();

  public Apply(KubernetesClient client, Writes writes) {
    this.client = client;
    this.writes = writes;
  }

  /**
   * What was done to one child.
   *
   * @param action the plan's verdict that was carried out (never PRUNE)
   * @param object the child after the call (as the server returned it, or the live one when not
   *     written)
   * @param changes the fields that differed (for UPDATE and IMMUTABLE)
   */
  public record Result(
      Verdict action, GenericKubernetesResource object, List<FieldChange> changes) {}

  /**
   * @param desired the child as created (all fields)
   * @param replicas which replica counts of a live ModelServing are the booster's to compare and
   *     update
   * @param cached the live child from a cache, or null when the cache has none (then the server
   *     decides)
   * @param owner the booster; only a child it controls (by UID) is updated
   */
  public Result apply(
      GenericKubernetesResource desired,
      ReplicaOwnership replicas,
      GenericKubernetesResource cached,
      HasMetadata owner) {
    return apply(desired, replicas, cached, owner, WriteObserver.NONE);
  }

  /** As above; {@code pass} is also told of every write request sent, answered or refused. */
  public Result apply(
      GenericKubernetesResource desired,
      ReplicaOwnership replicas,
      GenericKubernetesResource cached,
      HasMetadata owner,
      WriteObserver pass) {
    Result result = attempt(desired, replicas, cached, owner, pass);
    if (result.action() == Verdict.NOT_CONTROLLED) {
      foreign.add(ObjectKey.withKind(desired));
    } else {
      foreign.remove(ObjectKey.withKind(desired));
    }
    return result;
  }

  private Result attempt(
      GenericKubernetesResource desired,
      ReplicaOwnership replicas,
      GenericKubernetesResource cached,
      HasMetadata owner,
      WriteObserver pass) {
    GenericKubernetesResource live = cached;
    if (live == null && foreign.contains(ObjectKey.withKind(desired))) {
      live = handle(desired).get();
    }
    int conflicts = 0;
    while (true) {
      Step step = ChildPlan.decide(desired, live, replicas, owner);
      try {
        switch (step.verdict()) {
          case CREATE -> {
            GenericKubernetesResource created =
                writes.send(
                    desired.getKind(), "create", pass, c -> Kinds.child(c, desired).create());
            return new Result(Verdict.CREATE, created, List.of());
          }
          case UPDATE -> {
            GenericKubernetesResource updated =
                writes.send(
                    desired.getKind(), "update", pass, c -> Kinds.child(c, step.merged()).update());
            return new Result(Verdict.UPDATE, updated, step.changes());
          }
          default -> {
            return new Result(step.verdict(), step.live(), step.changes());
          }
        }
      } catch (KubernetesClientException e) {
        boolean created = step.verdict() == Verdict.CREATE;
        if (!created && e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          live = null;
          continue;
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT
            || (!created && ++conflicts >= CONFLICT_ATTEMPTS)) {
          throw e;
        }
        // The cache was behind: decide again on what the server holds now.
        live = handle(desired).get();
        if (live == null && created) {
          throw e;
        }
      }
    }
  }

  private Resource<GenericKubernetesResource> handle(GenericKubernetesResource child) {
    return Kinds.child(client, child);
  }
}

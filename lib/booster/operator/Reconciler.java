package booster.operator;

import booster.api.InvalidInputException;
import booster.api.ModelBooster;
import booster.cluster.Apply;
import booster.cluster.Conditions;
import booster.cluster.Conditions.Wanted;
import booster.cluster.Events;
import booster.cluster.FieldChange;
import booster.cluster.LiveChildren;
import booster.cluster.Prune;
import booster.cluster.ReplicaOwnership;
import booster.cluster.Rollout;
import booster.cluster.StatusWriter;
import booster.cluster.Trees;
import booster.cluster.WriteObserver;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * One reconcile pass for one booster: read it from the cache, validate and translate it for the cluster's Kthena
 * profile, prune the ModelRoutes no longer wanted, apply the children in order, prune the other children no longer
 * wanted, then write the status once (decisions.md 15-19; replica ownership in docs/kthena-versions.md, route order
 * in docs/routes.md).
 */
final class Reconciler {
  /** Where a pass reads from: the informer caches. */
  interface Cache {
    GenericKubernetesResource booster(String key);

    LiveChildren children(String namespace, String boosterName);
  }

  /** What a pass ended with; {@code retry} asks the queue for a back-off retry. */
  record Outcome(String result, boolean retry, String detail) {
    static final Outcome GONE = new Outcome("gone", false, "");
  }

  private record Failure(String reason, String message) {
  }

  private static final Set<ChildKind> AUTOSCALING = EnumSet.of(ChildKind.AUTOSCALING_POLICY,
      ChildKind.AUTOSCALING_POLICY_BINDING);

  private final Cache cache;
  private final Render translator;
  private final Supplier<KthenaTracker.State> kthena;
  private final Apply apply;
  private final Prune prune;
  private final StatusWriter status;
  private final Events events;
  private final RecentWrites recent;
  private final Clock clock;

  Reconciler(Cache cache, Render translator, Supplier<KthenaTracker.State> kthena, Apply apply,
      Prune prune, StatusWriter status, Events events, RecentWrites recent, Clock clock) {
    this.cache = cache;
    this.translator = translator;
    this.kthena = kthena;
    this.apply = apply;
    this.prune = prune;
    this.status = status;
    this.events = events;
    this.recent = recent;
    this.clock = clock;
  }

  Outcome reconcile(String key) {
    GenericKubernetesResource raw = cache.booster(key);
    if (raw == null || raw.getMetadata().getDeletionTimestamp() != null) {
      return Outcome.GONE;
    }
    KthenaTracker.State cluster = kthena.get();
    if (cluster == null) {
      return new Outcome("waiting", true, "the cluster's Kthena version is not known yet");
    }
    long generation = raw.getMetadata().getGeneration() == null ? 0 : raw.getMetadata().getGeneration();
    List<GenericKubernetesResource> desired;
    List<String> warnings = new ArrayList<>();
    try {
      desired = translator.children(Trees.SERIALIZATION.convertValue(raw, ModelBooster.class), cluster.profile(),
          warning -> warnings.add(warning.toString()));
    } catch (InvalidInputException e) {
      return invalid(raw, generation, String.join("; ", e.problems()));
    } catch (JacksonException | IllegalArgumentException e) {
      return invalid(raw, generation, "spec cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
    }

    // decisions.md 13: e.g. an unknown KV connector is recorded, once per generation, not silently dropped
    events.specWarnings(raw, warnings);

    LiveChildren live = cache.children(raw.getMetadata().getNamespace(), raw.getMetadata().getName())
        .excluding(recent::deletedAlready);
    ReplicaOwnership replicas = ReplicaOwnership.of(desired);
    List<Failure> failures = new ArrayList<>();
    Failure unavailable = autoscalingUnavailable(desired, cluster);
    if (unavailable != null) {
      failures.add(unavailable);
    }
    List<GenericKubernetesResource> servings = new ArrayList<>();
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> pruned = new ArrayList<>();
    // Every child write request of this pass, answered or refused, so the log agrees with booster_writes_total.
    AtomicInteger writes = new AtomicInteger();
    WriteObserver pass = (kind, verb) -> writes.incrementAndGet();
    try {
      // Stale routes go first: the Kthena router drops a model name's token budget whenever a route of that name is
      // deleted, so deleting after writing could drop the budget a wanted route just set (docs/routes.md).
      pruneWhere(live, desired, raw, Reconciler::isRoute, pruned, pass);
      for (GenericKubernetesResource child : desired) {
        ChildKind kind = ChildKind.ofKind(child.getKind());
        if (AUTOSCALING.contains(kind) && !cluster.served().contains(kind)) {
          continue;
        }
        GenericKubernetesResource cached = recent.live(child, live.find(kind, child.getMetadata().getName())
            .orElse(null));
        Apply.Result result = apply.apply(child, replicas, cached, raw, pass);
        String what = child.getKind() + " " + child.getMetadata().getName();
        switch (result.action()) {
          case CREATED -> {
            recent.put(cached, result.object());
            created.add(what);
          }
          case UPDATED -> {
            recent.put(cached, result.object());
            updated.add(what + " (" + paths(result.changes()) + ")");
          }
          case NOT_CONTROLLED -> failures.add(new Failure(Conditions.RESOURCE_EXISTS, what + " already exists in "
              + raw.getMetadata().getNamespace() + " and is not controlled by this ModelBooster; delete or rename it"));
          case IMMUTABLE -> failures.add(new Failure(Conditions.IMMUTABLE_FIELD, what + ": "
              + paths(result.changes()) + " cannot be changed in place (immutable); delete the " + child.getKind()
              + " (or the ModelBooster) to apply the new value"));
          case UNCHANGED -> { }
        }
        if (kind == ChildKind.MODEL_SERVING) {
          servings.add(result.object());
        }
      }
      pruneWhere(live, desired, raw, child -> !isRoute(child), pruned, pass);
    } catch (KubernetesClientException e) {
      // e.g. a mixed Kthena install rejecting our AutoscalingPolicy: the API server's own words go into Failed
      failures.add(new Failure(Conditions.MODEL_ABNORMAL, "API request failed: " + serverMessage(e)));
      writeStatus(raw, generation, failures, servings);
      return new Outcome("error", true, "writes=" + writes.get() + " error=" + e.getMessage());
    } finally {
      announce(raw, "ChildrenCreated", "Created ", created);
      announce(raw, "ChildrenUpdated", "Updated ", updated);
      announce(raw, "ChildrenPruned", "Deleted (no longer desired) ", pruned);
    }
    boolean statusWritten = writeStatus(raw, generation, failures, servings);
    String detail = "children=" + desired.size() + " writes=" + writes.get() + " status=" + (statusWritten
        ? "written" : "unchanged");
    if (!failures.isEmpty()) {
      return new Outcome("blocked", true, detail + " reason=" + failures.get(0).reason());
    }
    events.recovered(raw);
    return new Outcome("success", false, detail);
  }

  /**
   * A booster asks for autoscaling that the cluster cannot hold: no AutoscalingPolicy served (Kthena's autoscaler is
   * not installed), or a profile that needs bindings where none are served. Its other children are still applied.
   */
  private static Failure autoscalingUnavailable(List<GenericKubernetesResource> desired, KthenaTracker.State cluster) {
    List<String> missing = desired.stream().map(c -> ChildKind.ofKind(c.getKind()))
        .filter(k -> AUTOSCALING.contains(k) && !cluster.served().contains(k)).distinct()
        .map(k -> k.plural() + "." + k.group()).toList();
    if (missing.isEmpty()) {
      return null;
    }
    return new Failure(Conditions.AUTOSCALING_UNAVAILABLE, "the booster asks for autoscaling, but the cluster does "
        + "not serve " + String.join(" or ", missing) + " (" + cluster.profile() + " profile: " + cluster.evidence()
        + "); install Kthena's autoscaling CRDs, or remove spec.autoscalingPolicy");
  }

  /** The Status message of an API error when the server sent one, else the client's description. */
  private static String serverMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()
        ? e.getStatus().getMessage() : e.getMessage();
  }

  /** One event per kind of change and pass, naming every child it concerns. */
  private void announce(GenericKubernetesResource raw, String reason, String verb, List<String> children) {
    if (!children.isEmpty()) {
      events.normal(raw, reason, verb + String.join(", ", children));
    }
  }

  private Outcome invalid(GenericKubernetesResource raw, long generation, String message) {
    List<Failure> failures = List.of(new Failure(Conditions.INVALID_SPEC, message));
    writeStatus(raw, generation, failures, List.of());
    return new Outcome("invalid", false, message);
  }

  private boolean writeStatus(GenericKubernetesResource raw, long generation, List<Failure> failures,
      List<GenericKubernetesResource> servings) {
    for (Failure f : failures) {
      events.warning(raw, f.reason(), f.message());
    }
    return status.write(raw, current -> Conditions.status(current, wanted(current, failures, servings),
        generation, clock));
  }

  private static List<Wanted> wanted(Map<String, Object> current, List<Failure> failures,
      List<GenericKubernetesResource> servings) {
    Map<String, Object> initialized = Conditions.find(current == null ? null : current.get("conditions"),
        Conditions.INITIALIZED);
    List<Wanted> out = new ArrayList<>();
    if (failures.isEmpty()) {
      out.add(new Wanted(Conditions.INITIALIZED, true, Conditions.MODEL_CREATING, "ModelBooster initialized"));
      out.add(active(servings));
      out.add(new Wanted(Conditions.FAILED, false, Conditions.RECONCILED, "All children are up to date"));
      return out;
    }
    String reason = failures.get(0).reason();
    String message = failures.stream().map(Failure::message).collect(Collectors.joining("; "));
    if (initialized != null && "True".equals(initialized.get("status"))) {
      out.add(new Wanted(Conditions.INITIALIZED, true, String.valueOf(initialized.get("reason")),
          String.valueOf(initialized.get("message"))));
    } else {
      out.add(new Wanted(Conditions.INITIALIZED, false, reason, message));
    }
    out.add(new Wanted(Conditions.ACTIVE, false, reason, message));
    out.add(new Wanted(Conditions.FAILED, true, reason, message));
    return out;
  }

  /** Active when every ModelServing has rolled out its current spec and is available; else the first one's reason. */
  private static Wanted active(List<GenericKubernetesResource> servings) {
    for (GenericKubernetesResource serving : servings) {
      Rollout rollout = Rollout.of(serving);
      if (!rollout.done()) {
        String reason = rollout.reason().equals(Rollout.PROGRESSING) ? Conditions.MODEL_PROCESSING : rollout.reason();
        return new Wanted(Conditions.ACTIVE, false, reason,
            "ModelServing " + serving.getMetadata().getName() + " " + rollout.message());
      }
    }
    return new Wanted(Conditions.ACTIVE, true, Conditions.MODEL_AVAILABLE, "ModelBooster is ready");
  }

  /** Deletes the stale children {@code which} selects, recording each. */
  private void pruneWhere(LiveChildren live, List<GenericKubernetesResource> desired, GenericKubernetesResource raw,
      Predicate<GenericKubernetesResource> which, List<String> pruned, WriteObserver pass) {
    for (GenericKubernetesResource gone : prune.prune(live.excluding(which.negate()), desired, raw, pass)) {
      recent.deleted(gone);
      pruned.add(gone.getKind() + " " + gone.getMetadata().getName());
    }
  }

  private static boolean isRoute(GenericKubernetesResource child) {
    return ChildKind.MODEL_ROUTE.kind().equals(child.getKind());
  }

  private static String paths(List<FieldChange> changes) {
    return changes.stream().map(FieldChange::path).distinct().limit(5).collect(Collectors.joining(", "))
        + (changes.size() > 5 ? ", ..." : "");
  }
}

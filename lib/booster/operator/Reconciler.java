package booster.operator;

import booster.api.InvalidInputException;
import booster.api.ModelBooster;
import booster.cluster.Apply;
import booster.cluster.ChildPlan;
import booster.cluster.Conditions;
import booster.cluster.Conditions.Wanted;
import booster.cluster.Events;
import booster.cluster.FieldChange;
import booster.cluster.LiveChildren;
import booster.cluster.Prune;
import booster.cluster.RecentWrites;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * One reconcile pass for one booster: read it from the cache, render its children for the cluster's
 * Kthena profile, prune the ModelRoutes no longer wanted, apply the children in order, prune the
 * other children no longer wanted, then write the status once (docs/design.md §6, §3, §4; route
 * order in docs/routes.md).
 */
final class Reconciler {
  /** Where a pass reads from: the informer caches. */
  interface Cache {
    GenericKubernetesResource booster(String key);

    LiveChildren children(String namespace, String boosterName);
  }

  /**
   * How a pass ended, as logged ({@code result=}) and counted ({@code
   * booster_reconcile_total{result}}).
   */
  enum Result {
    /** Every child is as desired (it may still be rolling out). */
    SUCCESS(false),
    /** The booster is gone or being deleted: its children go with it. */
    GONE(false),
    /** The spec cannot be rendered; a new generation is needed, not a retry. */
    INVALID(false),
    /** The cluster's Kthena release is not known yet. */
    WAITING(true),
    /**
     * A child could not be brought in line (not controlled, immutable field, autoscaling not
     * served).
     */
    BLOCKED(true),
    /** An API request failed. */
    ERROR(true),
    /** The lease was lost during the pass: nothing more was sent. */
    FENCED(true);

    /** Whether the queue retries the booster with back-off. */
    final boolean retry;

    Result(boolean retry) {
      this.retry = retry;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a pass ended with, and the detail its log line shows. */
  record Outcome(Result result, String detail) {
    static final Outcome GONE = new Outcome(Result.GONE, "");

    boolean retry() {
      return result.retry;
    }
  }

  private record Failure(String reason, String message) {}

  private final Cache cache;
  private final DesiredChildren translator;
  private final Supplier<KthenaTracker.State> kthena;
  private final Apply apply;
  private final Prune prune;
  private final StatusWriter status;
  private final Events events;
  private final RecentWrites recent;
  private final Clock clock;

  Reconciler(
      Cache cache,
      DesiredChildren translator,
      Supplier<KthenaTracker.State> kthena,
      Apply apply,
      Prune prune,
      StatusWriter status,
      Events events,
      RecentWrites recent,
      Clock clock) {
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
    GenericKubernetesResource booster = cache.booster(key);
    if (booster == null || booster.getMetadata().getDeletionTimestamp() != null) {
      return Outcome.GONE;
    }
    KthenaTracker.State cluster = kthena.get();
    if (cluster == null) {
      return new Outcome(Result.WAITING, "the cluster's Kthena version is not known yet");
    }
    Pass pass = new Pass(booster, cluster);
    List<GenericKubernetesResource> desired;
    try {
      desired = pass.render();
    } catch (InvalidSpec e) {
      return pass.invalid(e.getMessage());
    }
    pass.recordSpecWarnings();
    pass.checkAutoscalingServed(desired);
    LiveChildren live = pass.liveChildren();
    try {
      // Stale routes go first: the Kthena router drops a model name's token budget whenever a route
      // of that name is
      // deleted, so deleting after writing could drop the budget a wanted route just set
      // (docs/routes.md).
      pass.pruneStale(live, desired, Reconciler::isRoute);
      pass.applyChildren(live, desired);
      pass.pruneStale(live, desired, child -> !isRoute(child));
    } catch (KubernetesClientException e) {
      return pass.failedRequest(e);
    } finally {
      pass.announceChanges();
    }
    return pass.finish(desired.size());
  }

  /** The spec cannot be read or is invalid; the message says why. */
  private static final class InvalidSpec extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSpec(String message) {
      super(message, null, false, false);
    }
  }

  /** The state of one pass over one booster, and its steps. */
  private final class Pass {
    private final GenericKubernetesResource booster;
    private final KthenaTracker.State cluster;
    private final long generation;
    private final List<String> warnings = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<GenericKubernetesResource> servings = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final List<String> updated = new ArrayList<>();
    private final List<String> pruned = new ArrayList<>();

    /**
     * Every child write request of this pass, answered or refused, so the log agrees with
     * booster_writes_total.
     */
    private final AtomicInteger writes = new AtomicInteger();

    private final WriteObserver counted = (kind, verb) -> writes.incrementAndGet();

    Pass(GenericKubernetesResource booster, KthenaTracker.State cluster) {
      this.booster = booster;
      this.cluster = cluster;
      this.generation =
          booster.getMetadata().getGeneration() == null ? 0 : booster.getMetadata().getGeneration();
    }

    /** The desired children for the cluster's profile, collecting the spec's warnings. */
    List<GenericKubernetesResource> render() throws InvalidSpec {
      try {
        return translator.of(
            Trees.SERIALIZATION.convertValue(booster, ModelBooster.class),
            cluster.profile(),
            warning -> warnings.add(warning.toString()));
      } catch (InvalidInputException e) {
        throw new InvalidSpec(String.join("; ", e.problems()));
      } catch (JacksonException | IllegalArgumentException e) {
        throw new InvalidSpec(
            "spec cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }

    /**
     * Recorded once per generation, not silently dropped, e.g. an unknown KV connector
     * (docs/design.md §4.4).
     */
    void recordSpecWarnings() {
      events.specWarnings(booster, warnings);
    }

    /**
     * A booster that asks for autoscaling the cluster cannot hold (no AutoscalingPolicy served:
     * Kthena's autoscaler is not installed; or a profile that needs bindings where none are served)
     * fails; its other children are still applied.
     */
    void checkAutoscalingServed(List<GenericKubernetesResource> desired) {
      List<String> missing =
          desired.stream()
              .map(c -> ChildKind.ofKind(c.getKind()))
              .filter(k -> !served(k))
              .distinct()
              .map(k -> k.plural() + "." + k.group())
              .toList();
      if (!missing.isEmpty()) {
        failures.add(
            new Failure(
                Conditions.AUTOSCALING_UNAVAILABLE,
                "the booster asks for autoscaling, but the "
                    + "cluster does not serve "
                    + String.join(" or ", missing)
                    + " ("
                    + cluster.profile()
                    + " profile: "
                    + cluster.evidence()
                    + "); install Kthena's autoscaling CRDs, or remove spec.autoscalingPolicy"));
      }
    }

    private boolean served(ChildKind kind) {
      return ChildPlan.writable(kind, cluster.served()::contains);
    }

    /** The cached children, without those we deleted whose deletion the cache has not shown yet. */
    LiveChildren liveChildren() {
      return cache
          .children(booster.getMetadata().getNamespace(), booster.getMetadata().getName())
          .excluding(recent::deletedAlready);
    }

    /** Deletes the children no longer desired that {@code which} selects. */
    void pruneStale(
        LiveChildren live,
        List<GenericKubernetesResource> desired,
        Predicate<GenericKubernetesResource> which) {
      for (GenericKubernetesResource gone :
          prune.prune(live.excluding(which.negate()), desired, booster, counted)) {
        recent.deleted(gone);
        pruned.add(gone.getKind() + " " + gone.getMetadata().getName());
      }
    }

    /**
     * Creates or updates each desired child of a served kind, in order, as the child plan decides.
     */
    void applyChildren(LiveChildren live, List<GenericKubernetesResource> desired) {
      ReplicaOwnership replicas = ReplicaOwnership.of(desired);
      for (GenericKubernetesResource child : desired) {
        ChildKind kind = ChildKind.ofKind(child.getKind());
        if (!served(kind)) {
          continue;
        }
        GenericKubernetesResource cached =
            recent.live(child, live.find(kind, child.getMetadata().getName()).orElse(null));
        Apply.Result result = apply.apply(child, replicas, cached, booster, counted);
        String what = child.getKind() + " " + child.getMetadata().getName();
        switch (result.action()) {
          case CREATE -> {
            recent.put(cached, result.object());
            created.add(what);
          }
          case UPDATE -> {
            recent.put(cached, result.object());
            updated.add(what + " (" + paths(result.changes()) + ")");
          }
          case NOT_CONTROLLED ->
              failures.add(
                  new Failure(
                      Conditions.RESOURCE_EXISTS,
                      what
                          + " already exists in "
                          + booster.getMetadata().getNamespace()
                          + " and is not controlled by this ModelBooster; delete or "
                          + "rename it"));
          case IMMUTABLE ->
              failures.add(
                  new Failure(
                      Conditions.IMMUTABLE_FIELD,
                      what
                          + ": "
                          + paths(result.changes())
                          + " cannot be changed in place (immutable); delete the "
                          + child.getKind()
                          + " (or the ModelBooster) to apply the new value"));
          case LEAVE, PRUNE -> {}
        }
        if (kind == ChildKind.MODEL_SERVING) {
          servings.add(result.object());
        }
      }
    }

    /** One event per kind of change and pass, naming every child it concerns. */
    void announceChanges() {
      announce("ChildrenCreated", "Created ", created);
      announce("ChildrenUpdated", "Updated ", updated);
      announce("ChildrenPruned", "Deleted (no longer desired) ", pruned);
    }

    private void announce(String reason, String verb, List<String> children) {
      if (!children.isEmpty()) {
        events.normal(booster, reason, verb + String.join(", ", children));
      }
    }

    /**
     * A request failed (e.g. a mixed Kthena install rejecting our AutoscalingPolicy): its words go
     * into Failed.
     */
    Outcome failedRequest(KubernetesClientException e) {
      failures.add(
          new Failure(Conditions.MODEL_ABNORMAL, "API request failed: " + serverMessage(e)));
      writeStatus();
      return new Outcome(Result.ERROR, "writes=" + writes.get() + " error=" + e.getMessage());
    }

    Outcome invalid(String message) {
      failures.add(new Failure(Conditions.INVALID_SPEC, message));
      writeStatus();
      return new Outcome(Result.INVALID, message);
    }

    /**
     * Writes the status; blocked while any child failed, else the booster's warnings are news
     * again.
     */
    Outcome finish(int children) {
      boolean statusWritten = writeStatus();
      String detail =
          "children="
              + children
              + " writes="
              + writes.get()
              + " status="
              + (statusWritten ? "written" : "unchanged");
      if (!failures.isEmpty()) {
        return new Outcome(Result.BLOCKED, detail + " reason=" + failures.get(0).reason());
      }
      events.recovered(booster);
      return new Outcome(Result.SUCCESS, detail);
    }

    private boolean writeStatus() {
      for (Failure f : failures) {
        events.warning(booster, f.reason(), f.message());
      }
      return status.write(
          booster,
          current ->
              Conditions.status(current, wanted(current, failures, servings), generation, clock));
    }
  }

  /** The Status message of an API error when the server sent one, else the client's description. */
  private static String serverMessage(KubernetesClientException e) {
    return e.getStatus() != null
            && e.getStatus().getMessage() != null
            && !e.getStatus().getMessage().isBlank()
        ? e.getStatus().getMessage()
        : e.getMessage();
  }

  private static List<Wanted> wanted(
      Map<String, Object> current,
      List<Failure> failures,
      List<GenericKubernetesResource> servings) {
    Map<String, Object> initialized =
        Conditions.find(current == null ? null : current.get("conditions"), Conditions.INITIALIZED);
    List<Wanted> out = new ArrayList<>();
    if (failures.isEmpty()) {
      out.add(
          new Wanted(
              Conditions.INITIALIZED, true, Conditions.MODEL_CREATING, "ModelBooster initialized"));
      out.add(active(servings));
      out.add(
          new Wanted(
              Conditions.FAILED, false, Conditions.RECONCILED, "All children are up to date"));
      return out;
    }
    String reason = failures.get(0).reason();
    String message = failures.stream().map(Failure::message).collect(Collectors.joining("; "));
    if (initialized != null && "True".equals(initialized.get("status"))) {
      out.add(
          new Wanted(
              Conditions.INITIALIZED,
              true,
              String.valueOf(initialized.get("reason")),
              String.valueOf(initialized.get("message"))));
    } else {
      out.add(new Wanted(Conditions.INITIALIZED, false, reason, message));
    }
    out.add(new Wanted(Conditions.ACTIVE, false, reason, message));
    out.add(new Wanted(Conditions.FAILED, true, reason, message));
    return out;
  }

  /**
   * Active when every ModelServing has rolled out its current spec and is available; else the first
   * one's reason.
   */
  private static Wanted active(List<GenericKubernetesResource> servings) {
    for (GenericKubernetesResource serving : servings) {
      Rollout rollout = Rollout.of(serving);
      if (!rollout.done()) {
        String reason =
            rollout.reason().equals(Rollout.PROGRESSING)
                ? Conditions.MODEL_PROCESSING
                : rollout.reason();
        return new Wanted(
            Conditions.ACTIVE,
            false,
            reason,
            "ModelServing " + serving.getMetadata().getName() + " " + rollout.message());
      }
    }
    return new Wanted(Conditions.ACTIVE, true, Conditions.MODEL_AVAILABLE, "ModelBooster is ready");
  }

  private static boolean isRoute(GenericKubernetesResource child) {
    return ChildKind.MODEL_ROUTE.kind().equals(child.getKind());
  }

  private static String paths(List<FieldChange> changes) {
    return changes.stream()
            .map(FieldChange::path)
            .distinct()
            .limit(5)
            .collect(Collectors.joining(", "))
        + (changes.size() > 5 ? ", ..." : "");
  }
}

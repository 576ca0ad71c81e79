package booster.cluster;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What to do with each child of one booster, decided from the desired and the live objects alone:
 * the operator does it ({@link Apply}, {@link Prune}) and {@code kubectl booster diff} shows it, so
 * the two cannot disagree. A live child is only ever written when the booster controls it (by UID,
 * {@link Ownership}), and only when {@link Compare} finds a change in the fields the booster owns
 * ({@link ReplicaOwnership}); a change the API server would refuse (an immutable field) is never
 * sent (docs/design.md §3.2-§3.6).
 */
public final class ChildPlan {
  private ChildPlan() {}

  public enum Verdict {
    /** Absent: create it. */
    CREATE,
    /** Controlled and drifted: send {@link Step#merged()}. */
    UPDATE,
    /** Controlled and up to date. */
    LEAVE,
    /** An object of that name exists that the booster does not control: never written. */
    NOT_CONTROLLED,
    /** Controlled, but a differing field cannot be changed in place: nothing is sent. */
    IMMUTABLE,
    /** Controlled and no longer desired: delete it. */
    PRUNE,
    /**
     * Of an autoscaling kind the cluster does not serve (Kthena's autoscaler is not installed):
     * never written; the booster reports AutoscalingUnavailable and its other children still apply.
     */
    UNSERVED
  }

  /** The kinds a booster can run without: the model still serves, only autoscaling is missing. */
  private static final Set<ChildKind> OPTIONAL =
      EnumSet.of(ChildKind.AUTOSCALING_POLICY, ChildKind.AUTOSCALING_POLICY_BINDING);

  /** Whether a child of {@code kind} can be written to a cluster that serves {@code served}. */
  public static boolean writable(ChildKind kind, Predicate<ChildKind> served) {
    return !OPTIONAL.contains(kind) || served.test(kind);
  }

  /**
   * One decision.
   *
   * @param desired the child as rendered (null for PRUNE)
   * @param live the live child (null for CREATE)
   * @param merged for UPDATE and IMMUTABLE, the live object with the booster's fields written over
   *     it
   * @param changes the differing fields (UPDATE), or those that cannot change in place (IMMUTABLE)
   */
  public record Step(
      Verdict verdict,
      GenericKubernetesResource desired,
      GenericKubernetesResource live,
      GenericKubernetesResource merged,
      List<FieldChange> changes) {
    public String kind() {
      return (desired != null ? desired : live).getKind();
    }

    public String name() {
      return (desired != null ? desired : live).getMetadata().getName();
    }
  }

  /**
   * The decision for one desired child against its live object ({@code live} null: there is none).
   */
  static Step decide(
      GenericKubernetesResource desired,
      GenericKubernetesResource live,
      ReplicaOwnership replicas,
      HasMetadata owner) {
    if (live == null) {
      return new Step(Verdict.CREATE, desired, null, null, List.of());
    }
    if (!Ownership.controlledBy(live, owner)) {
      return new Step(Verdict.NOT_CONTROLLED, desired, live, null, List.of());
    }
    GenericKubernetesResource comparable = replicas.asApplied(desired, live);
    List<FieldChange> changes = Compare.changes(comparable, live);
    if (changes.isEmpty()) {
      return new Step(Verdict.LEAVE, desired, live, null, List.of());
    }
    GenericKubernetesResource merged = Merge.ours(comparable, live);
    List<FieldChange> immutable = changes.stream().filter(FieldChange::immutable).toList();
    return immutable.isEmpty()
        ? new Step(Verdict.UPDATE, desired, live, merged, changes)
        : new Step(Verdict.IMMUTABLE, desired, live, merged, immutable);
  }

  /** The live children to prune: controlled by {@code owner} and not desired (by kind and name). */
  static List<GenericKubernetesResource> prunable(
      LiveChildren live, List<GenericKubernetesResource> desired, HasMetadata owner) {
    Set<String> wanted = new HashSet<>();
    desired.forEach(d -> wanted.add(d.getKind() + "/" + d.getMetadata().getName()));
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (GenericKubernetesResource child : live.all()) {
      if (!wanted.contains(child.getKind() + "/" + child.getMetadata().getName())
          && Ownership.controlledBy(child, owner)) {
        out.add(child);
      }
    }
    return out;
  }

  /**
   * The whole plan for one booster: a step per desired child, in apply order, then a PRUNE step per
   * child to prune. A child of a kind {@code live} was not listed in is UNSERVED when the booster
   * can run without it.
   *
   * @param unlisted the live object of a desired child {@code live} does not hold, or null: an
   *     object of the child's name without the booster's labels is not listed, yet the API server
   *     refuses to create it
   */
  public static List<Step> of(
      List<GenericKubernetesResource> desired,
      LiveChildren live,
      HasMetadata owner,
      UnaryOperator<GenericKubernetesResource> unlisted) {
    ReplicaOwnership replicas = ReplicaOwnership.of(desired);
    List<Step> steps = new ArrayList<>();
    for (GenericKubernetesResource child : desired) {
      ChildKind kind = ChildKind.ofKind(child.getKind());
      if (!writable(kind, live::serves)) {
        steps.add(new Step(Verdict.UNSERVED, child, null, null, List.of()));
        continue;
      }
      GenericKubernetesResource found =
          live.find(kind, child.getMetadata().getName()).orElseGet(() -> unlisted.apply(child));
      steps.add(decide(child, found, replicas, owner));
    }
    for (GenericKubernetesResource gone : prunable(live, desired, owner)) {
      steps.add(new Step(Verdict.PRUNE, null, gone, null, List.of()));
    }
    return steps;
  }
}

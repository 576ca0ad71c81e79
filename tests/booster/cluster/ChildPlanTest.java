package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import booster.api.ModelBooster;
import booster.cluster.ChildPlan.Step;
import booster.cluster.ChildPlan.Verdict;
import booster.translate.ChildKind;
import booster.translate.Children;
import booster.translate.Golden;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-child decisions, without a server: the same live objects always get the same verdicts.
 */
class ChildPlanTest {
  private static final ReplicaOwnership NO_SCALER = ReplicaOwnership.of(List.of());
  private final ModelBooster booster = Golden.input("v0.4.0", "model.yaml");

  private GenericKubernetesResource server(String name, String model) {
    return Children.of(
        ChildKind.MODEL_SERVER,
        booster,
        name,
        Labels.base(booster, ""),
        new HashMap<>(Map.of("model", model)));
  }

  private GenericKubernetesResource route(String name, String modelName) {
    return Children.of(
        ChildKind.MODEL_ROUTE,
        booster,
        name,
        Labels.base(booster, ""),
        new HashMap<>(Map.of("modelName", modelName)));
  }

  private static GenericKubernetesResource theirs(GenericKubernetesResource child) {
    GenericKubernetesResource copy = Trees.toResource(Trees.of(child));
    copy.getMetadata()
        .setOwnerReferences(
            new ArrayList<>(
                List.of(
                    new OwnerReference("v1", true, true, "ConfigMap", "someone", "their-uid"))));
    return copy;
  }

  private LiveChildren live(GenericKubernetesResource... children) {
    Map<ChildKind, List<GenericKubernetesResource>> byKind = new EnumMap<>(ChildKind.class);
    for (GenericKubernetesResource child : children) {
      byKind.computeIfAbsent(ChildKind.ofKind(child.getKind()), k -> new ArrayList<>()).add(child);
    }
    return LiveChildren.of(
        byKind, booster.getMetadata().getNamespace(), booster.getMetadata().getName());
  }

  @Test
  void absentIsCreatedAndEqualIsLeft() {
    assertEquals(
        Verdict.CREATE, ChildPlan.decide(server("s", "m"), null, NO_SCALER, booster).verdict());
    assertEquals(
        Verdict.LEAVE,
        ChildPlan.decide(server("s", "m"), server("s", "m"), NO_SCALER, booster).verdict());
  }

  @Test
  void aDriftedChildIsUpdatedWithOurFieldsOverTheLiveObject() {
    GenericKubernetesResource live = server("s", "old");
    live.getMetadata().setResourceVersion("7");
    live.getMetadata().getLabels().put("someone", "else");
    Step step = ChildPlan.decide(server("s", "new"), live, NO_SCALER, booster);
    assertEquals(Verdict.UPDATE, step.verdict());
    assertEquals(List.of("spec.model"), step.changes().stream().map(FieldChange::path).toList());
    assertEquals(
        "new", Trees.map(step.merged().getAdditionalProperties().get("spec")).get("model"));
    assertEquals("7", step.merged().getMetadata().getResourceVersion(), "optimistic concurrency");
    assertEquals(
        "else", step.merged().getMetadata().getLabels().get("someone"), "their label kept");
  }

  @Test
  void anObjectAnotherOwnerControlsIsNeverWritten() {
    Step step =
        ChildPlan.decide(server("s", "new"), theirs(server("s", "old")), NO_SCALER, booster);
    assertEquals(Verdict.NOT_CONTROLLED, step.verdict());
    assertNull(step.merged());
  }

  @Test
  void anImmutableChangeNamesOnlyTheImmutableFields() {
    GenericKubernetesResource live = route("r", "old");
    live.getMetadata().getLabels().put(Labels.MODEL_NAME + "-x", "drift");
    GenericKubernetesResource desired = route("r", "new");
    desired.getMetadata().getLabels().put(Labels.MODEL_NAME + "-x", "ours");
    Step step = ChildPlan.decide(desired, live, NO_SCALER, booster);
    assertEquals(Verdict.IMMUTABLE, step.verdict());
    assertEquals(
        List.of(Compare.IMMUTABLE_MODEL_NAME),
        step.changes().stream().map(FieldChange::path).toList());
  }

  /**
   * Prune candidates: controlled by this booster (by UID) and not desired under their kind and
   * name.
   */
  @Test
  void pruneCandidatesAreOnlyOurChildrenNoLongerDesired() {
    GenericKubernetesResource kept = server("kept", "m");
    GenericKubernetesResource stale = server("stale", "m");
    GenericKubernetesResource foreign = theirs(server("foreign", "m"));
    GenericKubernetesResource sameNameOtherKind = route("kept", "m");
    LiveChildren live = live(kept, stale, foreign, sameNameOtherKind);

    assertEquals(
        List.of("stale", "kept"),
        ChildPlan.prunable(live, List.of(kept), booster).stream()
            .map(c -> c.getMetadata().getName())
            .toList(),
        "servers first (apply order), then the route named kept");

    ModelBooster recreated = Golden.input("v0.4.0", "model.yaml");
    recreated.getMetadata().setUid("a-new-uid");
    assertEquals(
        List.of(),
        ChildPlan.prunable(live, List.of(), recreated),
        "a predecessor's children are not ours");
  }

  @Test
  void thePlanHasAStepPerDesiredChildThenThePrunes() {
    GenericKubernetesResource unlabelled = theirs(server("hidden", "m"));
    List<Step> plan =
        ChildPlan.of(
            List.of(server("s", "new"), server("hidden", "m"), server("fresh", "m")),
            live(server("s", "old"), server("gone", "m")),
            booster,
            child -> child.getMetadata().getName().equals("hidden") ? unlabelled : null);
    assertEquals(
        List.of("UPDATE s", "NOT_CONTROLLED hidden", "CREATE fresh", "PRUNE gone"),
        plan.stream().map(s -> s.verdict() + " " + s.name()).toList());
  }

  /** Kinds the booster can run without are never written where the cluster does not serve them. */
  @Test
  void anAutoscalingChildOfAnUnservedKindIsNeverWritten() {
    GenericKubernetesResource policy =
        Children.of(
            ChildKind.AUTOSCALING_POLICY, booster, "p", Labels.base(booster, ""), new HashMap<>());
    List<GenericKubernetesResource> desired = List.of(server("s", "m"), policy);
    assertEquals(
        List.of("LEAVE s", "UNSERVED p"),
        ChildPlan.of(desired, live(server("s", "m")), booster, child -> null).stream()
            .map(s -> s.verdict() + " " + s.name())
            .toList());
    Map<ChildKind, List<GenericKubernetesResource>> served = new EnumMap<>(ChildKind.class);
    served.put(ChildKind.MODEL_SERVER, List.of(server("s", "m")));
    served.put(ChildKind.AUTOSCALING_POLICY, List.of());
    assertEquals(
        List.of("LEAVE s", "CREATE p"),
        ChildPlan.of(
                desired,
                LiveChildren.of(
                    served, booster.getMetadata().getNamespace(), booster.getMetadata().getName()),
                booster,
                child -> null)
            .stream()
            .map(s -> s.verdict() + " " + s.name())
            .toList());
  }
}

package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.ChildPlan;
import booster.cluster.Kinds;
import booster.cluster.LiveChildren;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Which objects differ: the operator's own decisions ({@link ChildPlan}) shown as objects: children
 * to create, children whose fields we set differ, and children we control that are no longer
 * desired (pruned).
 */
final class DiffPlan {
  final List<DiffObject> objects = new ArrayList<>();

  /** Things the diff cannot show, one line each (immutable fields, objects we do not control). */
  final List<String> warnings = new ArrayList<>();

  /**
   * The booster from a manifest: stored or not; the manifest's version is what --apply would write.
   */
  void booster(ModelBooster live, ModelBooster desired) {
    if (live == null) {
      objects.add(DiffObject.of(null, desired));
    } else if (!BoosterUpdate.unchanged(live, desired)) {
      objects.add(DiffObject.of(live, BoosterUpdate.merged(live, desired)));
    }
  }

  /** A booster that does not exist yet: every child is an addition. */
  void additions(List<GenericKubernetesResource> desired) {
    desired.forEach(child -> objects.add(DiffObject.of(null, child)));
  }

  /**
   * The stored booster's live children (one LIST per kind, and a GET for a desired child the lists
   * do not hold: an object of its name without our labels) against the desired ones.
   */
  void children(
      KubernetesClient client, ModelBooster booster, List<GenericKubernetesResource> desired) {
    LiveChildren live =
        LiveChildren.list(
            client, booster.getMetadata().getNamespace(), booster.getMetadata().getName());
    for (ChildPlan.Step step :
        ChildPlan.of(desired, live, booster, child -> Kinds.child(client, child).get())) {
      String name = step.kind() + "/" + step.name();
      switch (step.verdict()) {
        case CREATE -> objects.add(DiffObject.of(null, step.desired()));
        case UPDATE -> objects.add(DiffObject.of(step.live(), step.merged()));
        case IMMUTABLE -> {
          objects.add(DiffObject.of(step.live(), step.merged()));
          step.changes()
              .forEach(
                  c ->
                      warnings.add(
                          name
                              + ": "
                              + c.path()
                              + " is immutable: the operator will not "
                              + "apply this change; delete the "
                              + step.kind()
                              + " (or the booster) to apply it"));
        }
        case NOT_CONTROLLED ->
            warnings.add(
                name
                    + " exists but is not controlled by this booster; the operator "
                    + "will not change it and will report ResourceExists");
        case PRUNE -> objects.add(DiffObject.of(step.live(), null));
        case UNSERVED ->
            warnings.add(
                name
                    + ": the cluster does not serve "
                    + step.kind()
                    + " (Kthena's autoscaler is not installed); the operator will not create it"
                    + " and will report AutoscalingUnavailable");
        case LEAVE -> {}
      }
    }
  }
}

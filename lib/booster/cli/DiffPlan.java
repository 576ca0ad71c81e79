package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.Compare;
import booster.cluster.FieldChange;
import booster.cluster.LiveChildren;
import booster.cluster.Merge;
import booster.cluster.Ownership;
import booster.cluster.ReplicaOwnership;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which objects differ, decided exactly as the operator decides what to write (cluster/Compare): children to
 * create, children whose fields we set differ, and children we control that are no longer desired (pruned).
 */
final class DiffPlan {
  final List<DiffObject> objects = new ArrayList<>();
  /** Things the diff cannot show, one line each (immutable fields, objects we do not control). */
  final List<String> warnings = new ArrayList<>();

  /** The booster from a manifest: stored or not; the manifest's version is what --apply would write. */
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

  /** The stored booster's live children (one LIST per kind) against the desired ones. */
  void children(KubernetesClient client, ModelBooster booster, List<GenericKubernetesResource> desired) {
    LiveChildren live = LiveChildren.list(client, booster.getMetadata().getNamespace(),
        booster.getMetadata().getName());
    // Replicas a scaler owns are shown only when the booster's own value changed, as the operator writes them.
    ReplicaOwnership replicas = ReplicaOwnership.of(desired);
    Set<String> wanted = new HashSet<>();
    for (GenericKubernetesResource want : desired) {
      String name = want.getMetadata().getName();
      wanted.add(want.getKind() + "/" + name);
      Optional<GenericKubernetesResource> have = live.find(ChildKind.ofKind(want.getKind()), name);
      if (have.isEmpty()) {
        objects.add(DiffObject.of(null, want));
      } else if (!Ownership.controlledBy(have.get(), booster)) {
        warnings.add(want.getKind() + "/" + name + " exists but is not controlled by this booster; the operator "
            + "will not change it and will report ResourceExists");
      } else {
        GenericKubernetesResource compared = replicas.asApplied(want, have.get());
        List<FieldChange> changes = Compare.changes(compared, have.get());
        if (!changes.isEmpty()) {
          objects.add(DiffObject.of(have.get(), Merge.ours(compared, have.get())));
        }
        changes.stream().filter(FieldChange::immutable).forEach(c -> warnings.add(want.getKind() + "/" + name
            + ": " + c.path() + " is immutable: the operator will not apply this change; delete the "
            + want.getKind() + " (or the booster) to apply it"));
      }
    }
    for (GenericKubernetesResource child : live.all()) {
      if (Ownership.controlledBy(child, booster) && !wanted.contains(child.getKind() + "/"
          + child.getMetadata().getName())) {
        objects.add(DiffObject.of(child, null));
      }
    }
  }
}

package booster.cluster;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the children {@link ChildPlan} prunes: those the booster controls (seed label, controller
 * ownerReference with its UID) that are no longer desired, for all five kinds. Objects it does not
 * control are never deleted (docs/design.md §3.5).
 */
public final class Prune {
  private final Writes writes;

  public Prune(Writes writes) {
    this.writes = writes;
  }

  /**
   * Deletes the children to prune; a child already gone counts as deleted. Returns what was
   * deleted; {@code pass} is also told of every delete sent.
   */
  public List<GenericKubernetesResource> prune(
      LiveChildren live,
      List<GenericKubernetesResource> desired,
      HasMetadata owner,
      WriteObserver pass) {
    List<GenericKubernetesResource> deleted = new ArrayList<>();
    for (GenericKubernetesResource child : ChildPlan.prunable(live, desired, owner)) {
      writes.send(
          child.getKind(),
          "delete",
          pass,
          c ->
              Kinds.children(c, ChildKind.ofKind(child.getKind()))
                  .inNamespace(child.getMetadata().getNamespace())
                  .withName(child.getMetadata().getName())
                  .delete());
      deleted.add(child);
    }
    return deleted;
  }
}

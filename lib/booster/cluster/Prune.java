package booster.cluster;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes the children a booster controls (seed label, controller ownerReference with its UID) that are no longer
 * desired, for all five kinds (decisions.md 16). Objects it does not control are never deleted.
 */
public final class Prune {
  private final Writes writes;

  public Prune(Writes writes) {
    this.writes = writes;
  }

  /** The live children that would be deleted: controlled by {@code owner} and not in {@code desired}. */
  public static List<GenericKubernetesResource> candidates(LiveChildren live, List<GenericKubernetesResource> desired,
      HasMetadata owner) {
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
   * Deletes the candidates; a child already gone counts as deleted. Returns what was deleted; {@code pass} is also
   * told of every delete sent.
   */
  public List<GenericKubernetesResource> prune(LiveChildren live, List<GenericKubernetesResource> desired,
      HasMetadata owner, WriteObserver pass) {
    List<GenericKubernetesResource> deleted = new ArrayList<>();
    for (GenericKubernetesResource child : candidates(live, desired, owner)) {
      writes.send(child.getKind(), "delete", pass, c -> Kinds.children(c, ChildKind.ofKind(child.getKind()))
          .inNamespace(child.getMetadata().getNamespace()).withName(child.getMetadata().getName()).delete());
      deleted.add(child);
    }
    return deleted;
  }
}

package booster.cluster;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;

/**
 * Who controls an object (docs/design.md §3.4): only the controller ownerReference counts, and it
 * is matched by kind and UID, so a booster deleted and recreated under the same name does not
 * inherit its predecessor's children.
 */
public final class Ownership {
  private Ownership() {}

  /** The object's controller ownerReference, if any. */
  public static Optional<OwnerReference> controller(HasMetadata object) {
    if (object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return object.getMetadata().getOwnerReferences().stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .findFirst();
  }

  /** The controlling ModelBooster's reference, if a ModelBooster controls the object. */
  public static Optional<OwnerReference> controllingBooster(HasMetadata object) {
    return controller(object)
        .filter(
            ref ->
                ModelBooster.KIND.equals(ref.getKind())
                    && ref.getApiVersion() != null
                    && ref.getApiVersion().startsWith(ModelBooster.GROUP + "/"));
  }

  /** True when {@code booster} (by UID) is the object's controller. */
  public static boolean controlledBy(HasMetadata object, HasMetadata booster) {
    String uid = booster.getMetadata().getUid();
    return uid != null
        && controllingBooster(object).map(ref -> uid.equals(ref.getUid())).orElse(false);
  }
}

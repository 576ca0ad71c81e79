package booster.cluster;

import booster.translate.ChildKind;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who owns a ModelServing's replica counts once it exists (docs/kthena-versions.md), for the
 * operator's updates and for {@code diff} alike:
 *
 * <ul>
 *   <li>{@code spec.replicas} is the booster's only when the booster's own value changed since it
 *       was last applied (the {@code registry.volcano.sh/applied-replicas} annotation on the live
 *       object differs from the desired one); otherwise it belongs to whoever scales the
 *       ModelServing (an AutoscalingPolicy, KEDA, an HPA, a person) and is neither compared nor
 *       written. A live ModelServing without the annotation (written by an older version) keeps its
 *       replicas: only the annotation is added, recording the booster's value;
 *   <li>role replicas ({@code spec.template.roles[*].replicas}) of a ModelServing that one of the
 *       booster's AutoscalingPolicies scales per role ({@code disaggregatedTarget}) are never
 *       compared nor written after creation. Roles keep their order, so the autoscaler's patches
 *       (which test a role's name at its index) stay valid.
 * </ul>
 *
 * Everything is still sent when the ModelServing is created.
 */
public final class ReplicaOwnership {
  private final Set<String> roleScaled;

  private ReplicaOwnership(Set<String> roleScaled) {
    this.roleScaled = roleScaled;
  }

  /** The rules for one booster's desired children. */
  public static ReplicaOwnership of(List<GenericKubernetesResource> desired) {
    Set<String> roleScaled = new HashSet<>();
    for (GenericKubernetesResource child : desired) {
      if (ChildKind.AUTOSCALING_POLICY.kind().equals(child.getKind())) {
        Map<String, Object> target =
            Trees.map(
                Trees.map(
                        Trees.map(child.getAdditionalProperties().get("spec"))
                            .get("disaggregatedTarget"))
                    .get("targetRef"));
        if (ChildKind.MODEL_SERVING
                .kind()
                .equals(target.getOrDefault("kind", ChildKind.MODEL_SERVING.kind()))
            && target.get("name") instanceof String name) {
          roleScaled.add(name);
        }
      }
    }
    return new ReplicaOwnership(roleScaled);
  }

  /**
   * {@code desired} as it is compared with, and written over, {@code live} (null: not created yet).
   */
  GenericKubernetesResource asApplied(
      GenericKubernetesResource desired, GenericKubernetesResource live) {
    if (live == null || !ChildKind.MODEL_SERVING.kind().equals(desired.getKind())) {
      return desired;
    }
    Map<String, Object> tree = Trees.of(desired);
    Map<String, Object> spec = Trees.map(tree.get("spec"));
    String applied = annotation(live);
    if (applied == null || applied.equals(annotation(desired))) {
      spec.remove("replicas");
    }
    if (roleScaled.contains(desired.getMetadata().getName())) {
      leaveRoleReplicas(spec, Trees.map(live.getAdditionalProperties().get("spec")));
    }
    return Trees.toResource(tree);
  }

  /**
   * Drops {@code replicas} from each desired role that sits at the same index, with the same name,
   * live.
   */
  private static void leaveRoleReplicas(Map<String, Object> spec, Map<String, Object> liveSpec) {
    Object roles = Trees.map(spec.get("template")).get("roles");
    Object liveRoles = Trees.map(liveSpec.get("template")).get("roles");
    if (!(roles instanceof List<?> wanted)
        || !(liveRoles instanceof List<?> have)
        || wanted.size() != have.size()) {
      return;
    }
    for (int i = 0; i < wanted.size(); i++) {
      Map<String, Object> role = Trees.map(wanted.get(i));
      if (Objects.equals(role.get("name"), Trees.map(have.get(i)).get("name"))) {
        role.remove("replicas");
      }
    }
  }

  private static String annotation(GenericKubernetesResource object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Labels.APPLIED_REPLICAS);
  }
}

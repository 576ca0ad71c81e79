package booster.translate;

import booster.api.AutoscalingPolicySpec;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.ModelBoosterSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The autoscaling children, named and targeted as upstream's convert/autoscaling.go does (legacy
 * shape: docs/design.md §2.6). Which policies a booster asks for:
 *
 * <ul>
 *   <li>current shape with {@code spec.autoscalingPolicy}: {@code <m>-<b>}, scaling its one
 *       backend;
 *   <li>legacy shape with {@code spec.autoscalingPolicy}: {@code <m>}, heterogeneous over every
 *       backend, even a single one (docs/design.md §2.6); backend-level policies are then ignored,
 *       as upstream;
 *   <li>legacy shape otherwise: {@code <m>-<b>} for each backend with its own policy.
 * </ul>
 *
 * Profile v0.4 writes each as an AutoscalingPolicy directly followed by its
 * AutoscalingPolicyBinding (the binding webhook needs the policy to exist); profile v1.0 as one
 * AutoscalingPolicy of the same name carrying the target.
 */
final class Autoscaling {
  private Autoscaling() {}

  /** One policy of the booster; {@code backend} is null for the model-level (heterogeneous) one. */
  private record Request(AutoscalingPolicySpec policy, ModelBackend backend) {
    String backendName() {
      return backend == null ? "" : backend.getName();
    }
  }

  static List<GenericKubernetesResource> build(ModelBooster booster, KthenaProfile profile) {
    List<GenericKubernetesResource> children = new ArrayList<>();
    for (Request request : requests(booster.getSpec())) {
      String name = Names.child(booster.getMetadata().getName(), request.backendName());
      ModelBackend backend = request.backend();
      if (profile == KthenaProfile.V1_0) {
        children.add(
            child(
                ChildKind.AUTOSCALING_POLICY,
                booster,
                request,
                backend == null
                    ? TargetedPolicies.heterogeneous(request.policy(), booster)
                    : TargetedPolicies.backend(request.policy(), name, backend)));
      } else {
        children.add(
            child(
                ChildKind.AUTOSCALING_POLICY,
                booster,
                request,
                PolicySpecs.copy(request.policy(), profile)));
        children.add(
            child(
                ChildKind.AUTOSCALING_POLICY_BINDING,
                booster,
                request,
                backend == null
                    ? PolicyBindings.heterogeneous(booster)
                    : PolicyBindings.homogeneous(name, backend)));
      }
    }
    return children;
  }

  private static List<Request> requests(ModelBoosterSpec spec) {
    List<Request> requests = new ArrayList<>();
    if (!spec.legacyShape()) {
      if (spec.getAutoscalingPolicy() != null) {
        requests.add(new Request(spec.getAutoscalingPolicy(), spec.getBackend()));
      }
    } else if (spec.getAutoscalingPolicy() != null) {
      requests.add(new Request(spec.getAutoscalingPolicy(), null));
    } else {
      for (ModelBackend backend : spec.getBackends()) {
        if (backend.getAutoscalingPolicy() != null) {
          requests.add(new Request(backend.getAutoscalingPolicy(), backend));
        }
      }
    }
    return requests;
  }

  /**
   * Named {@code <m>-<backend>}, or {@code <m>} for the model-level policy (backend-name label "").
   */
  private static GenericKubernetesResource child(
      ChildKind kind, ModelBooster booster, Request request, Map<String, Object> spec) {
    String name = Names.child(booster.getMetadata().getName(), request.backendName());
    return Revision.stamp(
        Labels.base(booster, request.backendName()),
        labels -> Children.of(kind, booster, name, labels, spec));
  }
}

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
 * AutoscalingPolicy and binding pairs (translation.md 5, 11), each policy directly before its binding because the
 * binding webhook needs the policy to exist:
 * <ul>
 *   <li>current shape with {@code spec.autoscalingPolicy}: {@code <m>-<b>}, homogeneous target;</li>
 *   <li>legacy shape with {@code spec.autoscalingPolicy}: {@code <m>}, heterogeneous target over every backend,
 *       even a single one (decisions.md 5); backend-level policies are then ignored, as upstream;</li>
 *   <li>legacy shape otherwise: {@code <m>-<b>} with a homogeneous target for each backend with its own policy.</li>
 * </ul>
 */
final class Autoscaling {
  private Autoscaling() {
  }

  static List<GenericKubernetesResource> build(ModelBooster booster) {
    ModelBoosterSpec spec = booster.getSpec();
    List<GenericKubernetesResource> children = new ArrayList<>();
    if (!spec.legacyShape()) {
      if (spec.getAutoscalingPolicy() != null) {
        addHomogeneous(children, booster, spec.getBackend(), spec.getAutoscalingPolicy());
      }
    } else if (spec.getAutoscalingPolicy() != null) {
      children.add(policy(booster, "", spec.getAutoscalingPolicy()));
      children.add(binding(booster, "", PolicyBindings.heterogeneous(booster)));
    } else {
      for (ModelBackend backend : spec.getBackends()) {
        if (backend.getAutoscalingPolicy() != null) {
          addHomogeneous(children, booster, backend, backend.getAutoscalingPolicy());
        }
      }
    }
    return children;
  }

  private static void addHomogeneous(List<GenericKubernetesResource> children, ModelBooster booster,
      ModelBackend backend, AutoscalingPolicySpec policy) {
    String name = Names.child(booster.getMetadata().getName(), backend.getName());
    children.add(policy(booster, backend.getName(), policy));
    children.add(binding(booster, backend.getName(), PolicyBindings.homogeneous(name, backend)));
  }

  /** Named {@code <m>-<backendName>}, or {@code <m>} for the model-level policy (backend name ""). */
  private static GenericKubernetesResource policy(ModelBooster booster, String backendName,
      AutoscalingPolicySpec policy) {
    String name = Names.child(booster.getMetadata().getName(), backendName);
    Map<String, Object> spec = PolicySpecs.copy(policy);
    return Revision.stamp(Labels.base(booster, backendName),
        labels -> Children.of(ChildKind.AUTOSCALING_POLICY, booster, name, labels, spec));
  }

  private static GenericKubernetesResource binding(ModelBooster booster, String backendName,
      Map<String, Object> spec) {
    String name = Names.child(booster.getMetadata().getName(), backendName);
    return Revision.stamp(Labels.base(booster, backendName),
        labels -> Children.of(ChildKind.AUTOSCALING_POLICY_BINDING, booster, name, labels, spec));
  }
}

package booster.translate;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/** AutoscalingPolicy and binding pairs (translation.md 5). STUB: filled in by the autoscaling work. */
final class Autoscaling {
  private Autoscaling() {
  }

  static List<GenericKubernetesResource> build(ModelBooster booster) {
    throw new UnsupportedOperationException("autoscaling translation not implemented yet");
  }
}

package booster.translate;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** The booster's single ModelRoute (translation.md 4). STUB: filled in by the route work. */
final class ModelRoutes {
  private ModelRoutes() {
  }

  static GenericKubernetesResource build(ModelBooster booster) {
    throw new UnsupportedOperationException("ModelRoute translation not implemented yet");
  }
}

package booster.translate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** ModelServing of one backend (translation.md 2). STUB: filled in by the ModelServing work. */
final class ModelServings {
  private ModelServings() {
  }

  static GenericKubernetesResource build(BackendContext ctx) {
    throw new UnsupportedOperationException("ModelServing translation not implemented yet");
  }
}

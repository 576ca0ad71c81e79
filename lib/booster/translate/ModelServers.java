package booster.translate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** ModelServer of one backend (translation.md 3). STUB: filled in by the ModelServer work. */
final class ModelServers {
  private ModelServers() {
  }

  static GenericKubernetesResource build(BackendContext ctx) {
    throw new UnsupportedOperationException("ModelServer translation not implemented yet");
  }
}

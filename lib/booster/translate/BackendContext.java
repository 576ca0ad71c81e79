package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelBooster;
import java.util.Map;

/**
 * What every per-backend builder needs: the booster, one of its backends, and the controller knobs.
 */
record BackendContext(ModelBooster booster, ModelBackend backend, TranslatorConfig config) {

  String boosterName() {
    return booster.getMetadata().getName();
  }

  String namespace() {
    return booster.getMetadata().getNamespace();
  }

  /** {@code <booster>-<backend>}: the name of this backend's ModelServing and ModelServer. */
  String childName() {
    return Names.child(boosterName(), backend.getName());
  }

  /**
   * True when the booster has two or more backends (legacy shape); selectors then include the
   * backend name.
   */
  boolean multiBackend() {
    return booster.getSpec().allBackends().size() > 1;
  }

  Map<String, String> baseLabels() {
    return Labels.base(booster, backend.getName());
  }
}

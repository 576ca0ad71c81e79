package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelWorker;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/**
 * Where a worker's pods may run: the backend's runtime class, the worker's affinity and
 * tolerations, each left out when unset (upstream v1.0 writes an empty affinity instead; both mean
 * no constraint).
 */
record Placement(String runtimeClassName, Affinity affinity, List<Toleration> tolerations) {

  static Placement of(ModelBackend backend, ModelWorker worker) {
    List<Toleration> tolerations = worker.getTolerations();
    return new Placement(
        backend.getRuntimeClassName(),
        worker.getAffinity(),
        tolerations == null || tolerations.isEmpty() ? null : tolerations);
  }

  void applyTo(PodSpec spec) {
    spec.setRuntimeClassName(runtimeClassName);
    spec.setAffinity(affinity);
    spec.setTolerations(tolerations);
  }
}

package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import java.util.List;

/** Finds the worker of a role, the way upstream indexes them: by type, the last one wins. */
final class Workers {
  private Workers() {
  }

  /**
   * The index of the last worker of that type.
   *
   * @throws IllegalArgumentException naming the field path when the backend has no such worker
   */
  static int lastIndexOf(ModelBackend backend, WorkerType type, String backendPath) {
    List<ModelWorker> workers = backend.getWorkers() == null ? List.of() : backend.getWorkers();
    for (int i = workers.size() - 1; i >= 0; i--) {
      ModelWorker w = workers.get(i);
      if (w != null && w.effectiveType() == type) {
        return i;
      }
    }
    throw new IllegalArgumentException(backendPath + ".workers: a " + backend.getType()
        + " backend needs a worker of type " + type);
  }
}

package booster.translate;

import booster.api.ModelBackend;
import booster.api.WorkerType;

/** Finds the worker of a role, the way upstream indexes them: by type, the last one wins. */
final class Workers {
  private Workers() {}

  /**
   * The index of the last worker of that type.
   *
   * @throws IllegalArgumentException naming the field path when the backend has no such worker
   */
  static int lastIndexOf(ModelBackend backend, WorkerType type, String backendPath) {
    int index = backend.lastWorkerIndex(type);
    if (index >= 0) {
      return index;
    }
    throw new IllegalArgumentException(
        backendPath
            + ".workers: a "
            + backend.getType()
            + " backend needs a worker of type "
            + type);
  }
}

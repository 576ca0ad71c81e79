package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelWorker;
import booster.api.WorkerType;
import tools.jackson.databind.JsonNode;

/**
 * The model name the engine serves, which the ModelServer rewrites requests to (upstream's rule
 * since v0.2.0, convert/model_server.go): the booster name, unless a {@code server} or {@code
 * decode} worker's config names one with a string {@code served-model-name}. Workers are scanned in
 * list order; the first string wins; other value types are skipped; a considered worker without a
 * config object ends the scan.
 */
final class ServedModelName {
  static final String CONFIG_KEY = "served-model-name";

  private ServedModelName() {}

  static String of(String boosterName, ModelBackend backend) {
    if (backend.getWorkers() == null) {
      return boosterName;
    }
    for (ModelWorker worker : backend.getWorkers()) {
      WorkerType type = worker.effectiveType();
      if (type != WorkerType.SERVER && type != WorkerType.DECODE) {
        continue;
      }
      JsonNode config = worker.getConfig();
      if (config == null || !config.isObject()) {
        return boosterName;
      }
      JsonNode name = config.get(CONFIG_KEY);
      if (name != null && name.isString()) {
        return name.asString();
      }
    }
    return boosterName;
  }
}

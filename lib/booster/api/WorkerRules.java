package booster.api;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Rules for one {@code workers[j]}: counts (docs/design.md §2.6), image (webhook), tolerations, and
 * {@code config} (docs/design.md §2.4, §2.6). Role autoscaling ({@code maxReplicas}) is checked per
 * backend by {@link RoleScalingRules}.
 */
final class WorkerRules {
  private static final int SHOWN_TEXT = 60;

  private WorkerRules() {}

  static void worker(ModelWorker worker, FieldPath path, FieldErrors errors) {
    errors.range(path.child("replicas"), worker.getReplicas(), 0, Limits.MAX_REPLICAS);
    errors.range(path.child("pods"), worker.getPods(), 0, Limits.MAX_REPLICAS);
    errors.range(path.child("maxReplicas"), worker.getMaxReplicas(), 1, Limits.MAX_REPLICAS);
    if (worker.getPods() != null && worker.getPods() == 0) {
      if (worker.getReplicas() != null && worker.getReplicas() == 0) {
        errors.warning(
            path.child("pods"), 0, "treated as 1; this worker has no replicas, so no pods run");
      } else {
        errors.invalid(
            path.child("pods"),
            0,
            "must be at least 1 (each replica needs its leader pod); "
                + "leave it out for the default 1");
      }
    }
    image(worker.getImage(), path.child("image"), errors);
    TolerationRules.tolerations(worker.getTolerations(), path.child("tolerations"), errors);
    config(worker, path.child("config"), errors);
    ResourceRules.resources(worker.getResources(), path.child("resources"), errors);
  }

  private static void image(String image, FieldPath path, FieldErrors errors) {
    if (image == null || image.isEmpty()) {
      errors.required(path, "the engine container needs an image");
    } else if (image.isBlank()) {
      errors.invalid(
          path,
          image,
          "invalid container image reference: image cannot be empty or whitespace only");
    } else if (image.contains(" ")) {
      errors.invalid(path, image, "invalid container image reference: image cannot contain spaces");
    }
  }

  private static void config(ModelWorker worker, FieldPath path, FieldErrors errors) {
    JsonNode config = worker.getConfig();
    if (config == null || config.isNull() || config.isMissingNode()) {
      return;
    }
    if (!config.isObject()) {
      errors.invalid(path, shown(config), "must be a JSON object of engine flags");
      return;
    }
    for (Map.Entry<String, JsonNode> entry : config.properties()) {
      if (entry.getKey().isEmpty()) {
        errors.invalid(path.key(""), "", "a flag name must not be empty");
      }
      if (entry.getValue() == null || entry.getValue().isNull()) {
        errors.invalid(
            path.child(entry.getKey()), "null", "null is not allowed; use \"\" for a bare flag");
      } else {
        finiteNumbers(entry.getValue(), path.child(entry.getKey()), errors);
      }
    }
    JsonNode transfer = config.get(KvConnectors.CONFIG_KEY);
    if (transfer == null || transfer.isNull()) {
      return;
    }
    FieldPath transferPath = path.child(KvConnectors.CONFIG_KEY);
    if (!transfer.isString()) {
      errors.invalid(
          transferPath,
          shown(transfer),
          "must be a string holding a JSON object, "
              + "e.g. '{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_both\"}'");
      return;
    }
    try {
      KvConnectors.connectorName(worker)
          .ifPresent(
              name -> {
                if (KvConnectors.type(name).isEmpty()) {
                  // An unknown connector is reported but does not block the booster (docs/design.md
                  // §2.6).
                  errors.warning(
                      transferPath.child("kv_connector"),
                      name,
                      "unknown connector, the ModelServer gets no kvConnector; known: "
                          + KvConnectors.known());
                }
              });
    } catch (IllegalArgumentException e) {
      errors.invalid(transferPath, shown(transfer), e.getMessage());
    }
  }

  /** Flag values become text on the command line: infinity and NaN (YAML .inf, .nan) have none. */
  private static void finiteNumbers(JsonNode value, FieldPath path, FieldErrors errors) {
    if (value.isNumber()
        && !Double.isFinite(value.asDouble())
        && !value.isBigDecimal()
        && !value.isIntegralNumber()) {
      errors.invalid(
          path,
          value.asDouble() > 0 ? ".inf" : value.asDouble() < 0 ? "-.inf" : ".nan",
          "must be a finite number");
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        finiteNumbers(value.get(i), path.index(i), errors);
      }
    } else if (value.isObject()) {
      value.properties().forEach(e -> finiteNumbers(e.getValue(), path.child(e.getKey()), errors));
    }
  }

  /**
   * The value as the message shows it: strings quoted (shortened), anything else as compact JSON.
   */
  private static Object shown(JsonNode node) {
    return node.isString() ? shorten(node.asString()) : shorten(node.toString());
  }

  private static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= SHOWN_TEXT ? flat : flat.substring(0, SHOWN_TEXT) + "...";
  }
}

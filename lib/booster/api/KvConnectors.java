package booster.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * KV-transfer connector names accepted in a worker's {@code kv-transfer-config}, and the
 * ModelServer connector type each maps to. Both upstream generations are accepted (docs/design.md
 * §2.6).
 */
public final class KvConnectors {
  public static final String CONFIG_KEY = "kv-transfer-config";
  private static final Map<String, String> TYPES =
      Map.of(
          "MooncakeConnector", "mooncake",
          "MooncakeConnectorV1", "mooncake",
          "NixlConnector", "nixl",
          "LMCacheConnectorV1", "lmcache");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private KvConnectors() {}

  /** The ModelServer {@code kvConnector.type} for a connector name, if it is one we know. */
  public static Optional<String> type(String connectorName) {
    return Optional.ofNullable(TYPES.get(connectorName));
  }

  /** The accepted connector names, sorted, for messages. */
  static String known() {
    return String.join(", ", new TreeSet<>(TYPES.keySet()));
  }

  /**
   * The {@code kv_connector} named by a worker's config, if the config holds a {@code
   * kv-transfer-config} string with that member. Throws {@link IllegalArgumentException} when the
   * string is not a JSON object.
   */
  public static Optional<String> connectorName(ModelWorker worker) {
    JsonNode config = worker.getConfig();
    if (config == null || !config.isObject()) {
      return Optional.empty();
    }
    JsonNode transfer = config.get(CONFIG_KEY);
    if (transfer == null || !transfer.isString()) {
      return Optional.empty();
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(transfer.asString());
    } catch (JacksonException e) {
      // the parser's own words, without its source and location lines
      throw new IllegalArgumentException(
          CONFIG_KEY + " is not valid JSON: " + ManifestReader.firstLine(e.getOriginalMessage()),
          e);
    }
    if (!parsed.isObject()) {
      throw new IllegalArgumentException(CONFIG_KEY + " must be a JSON object");
    }
    JsonNode name = parsed.get("kv_connector");
    return name != null && name.isString() ? Optional.of(name.asString()) : Optional.empty();
  }
}

package booster.cli;

import booster.cluster.Trees;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * How objects are printed. Objects go through fabric8's JSON mapping first (so Quantity,
 * IntOrString and friends serialise as Kubernetes expects), keeping each model's field order, so
 * the same objects print byte-identically.
 */
enum OutputFormat {
  /** A multi-document stream, documents separated by {@code ---}. */
  yaml {
    @Override
    String render(List<?> objects) {
      StringBuilder out = new StringBuilder();
      for (Object object : objects) {
        if (!out.isEmpty()) {
          out.append("---\n");
        }
        out.append(Writers.YAML.writeValueAsString(tree(object)));
      }
      return out.toString();
    }
  },
  /** One {@code v1 List} holding every object, as kubectl prints several objects. */
  json {
    @Override
    String render(List<?> objects) {
      ObjectNode list = JsonNodeFactory.instance.objectNode();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      ArrayNode items = list.putArray("items");
      objects.forEach(object -> items.add(tree(object)));
      return Writers.JSON.writeValueAsString(list) + "\n";
    }
  },
  /** {@code kind.group/name} per object, as {@code kubectl -o name}. */
  name {
    @Override
    String render(List<?> objects) {
      StringBuilder out = new StringBuilder();
      objects.forEach(object -> out.append(ResourceNames.of((HasMetadata) object)).append('\n'));
      return out.toString();
    }
  };

  /**
   * The writers, built on first use: picocli lists this enum's constants for {@code -o}, and
   * building Jackson there would slow down {@code --help} and completion.
   */
  private static final class Writers {
    /**
     * Plain YAML: no {@code !!} tags, quotes only where a string would otherwise read as another
     * type, to YAML 1.1 readers too ({@link YamlQuoting}).
     */
    static final YAMLMapper YAML =
        YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(YamlQuoting.INSTANCE).build())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.USE_NATIVE_TYPE_ID)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    /**
     * Laid out as kubectl prints JSON: every member and element on its own line, {@code "key":
     * value}, {@code []}.
     */
    static final ObjectWriter JSON =
        JsonMapper.builder()
            .build()
            .writer()
            .with(
                new DefaultPrettyPrinter(
                        Separators.createDefaultInstance()
                            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
  }

  abstract String render(List<?> objects);

  /** One document: YAML as {@link #render}, JSON as the object itself rather than a List. */
  String renderOne(Object object) {
    return this == json
        ? Writers.JSON.writeValueAsString(tree(object)) + "\n"
        : render(List.of(object));
  }

  private static JsonNode tree(Object object) {
    return Trees.SERIALIZATION.convertValue(object, JsonNode.class);
  }
}

package booster.api;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads ModelBooster manifests: YAML or JSON, several documents per stream, {@code List} kinds with
 * items (a top-level sequence counts as one document per element). Checks structure only
 * (apiVersion, kind, field names and types); {@link Validation} checks the meaning. Errors are
 * reported as one {@link InvalidInputException} listing the problems of every document, each line
 * reading {@code <source>: [document N: ]<field path>: <message>}.
 */
public final class ManifestReader {
  /**
   * Duplicate keys are errors (kubectl rejects them too) rather than silently keeping the last one.
   */
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final String LIST_ITEMS = "items";

  /** How many levels of a too-deep path a message shows. */
  private static final int SHOWN_LEVELS = 12;

  private ManifestReader() {}

  /** Reads a file; a missing or unreadable file is a one-line {@link InvalidInputException}. */
  public static List<ModelBooster> readFile(Path file) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(List.of(source + ": is a directory"));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(source, in);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(List.of(source + ": no such file"));
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(List.of(source + ": permission denied"));
    } catch (IOException e) {
      throw new InvalidInputException(List.of(source + ": cannot read: " + e.getMessage()));
    }
  }

  /**
   * @param source the name shown in messages ({@code -} for stdin)
   * @return the boosters in document order; input without any booster is an {@link
   *     InvalidInputException}
   */
  public static List<ModelBooster> read(String source, InputStream in) {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(List.of(source + ": cannot read: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    List<JsonNode> documents = documents(source, text, problems);
    List<ModelBooster> boosters = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      JsonNode node = documents.get(i);
      if (node == null
          || node.isNull()
          || node.isMissingNode()
          || (node.isObject() && node.isEmpty())) {
        continue;
      }
      String prefix = source + ": " + (documents.size() > 1 ? "document " + (i + 1) + ": " : "");
      document(node, prefix, boosters, problems);
    }
    if (problems.isEmpty() && boosters.isEmpty()) {
      problems.add(source + ": no ModelBooster found");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return boosters;
  }

  /**
   * The documents of the stream, empty ones included so positions match; a syntax error ends the
   * stream.
   */
  private static List<JsonNode> documents(String source, String text, List<String> problems) {
    List<JsonNode> documents = new ArrayList<>();
    ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
    try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        documents.add(it.nextValue());
      }
    } catch (JacksonException e) {
      problems.add(source + ": " + syntaxError(mapper, text, e));
    }
    return documents;
  }

  /**
   * A syntax error or a nesting too deep, with the line, column and field path where the parser
   * stopped. The path comes from reading the tokens again (the exception does not keep its parser);
   * Jackson's hints on its own settings are left out.
   */
  private static String syntaxError(ObjectMapper mapper, String text, JacksonException e) {
    String where = "";
    String path = "";
    try (JsonParser parser = mapper.createParser(text)) {
      try {
        while (parser.nextToken() != null) {
          // only the position at the failure matters
        }
      } catch (JacksonException again) {
        TokenStreamLocation at = parser.currentLocation();
        where = "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        path = path(parser.streamReadContext());
      }
    } catch (JacksonException notEvenOpened) {
      // the first location is all there is
    }
    if (where.isEmpty() && e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      where =
          "line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": ";
    }
    if (e instanceof StreamConstraintsException) {
      return where
          + "nested too deeply at "
          + (path.isEmpty() ? "the document" : path)
          + ": at most "
          + StreamReadConstraints.DEFAULT_MAX_DEPTH
          + " levels of lists and objects are allowed";
    }
    return where
        + (path.isEmpty() ? "" : path + ": ")
        + "not valid "
        + (mapper == JSON ? "JSON" : "YAML")
        + ": "
        + syntaxSummary(e.getOriginalMessage());
  }

  private static String path(TokenStreamContext context) {
    List<String> segments = new ArrayList<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      segments.add(
          0,
          c.inArray()
              ? "[" + Math.max(c.getCurrentIndex(), 0) + "]"
              : c.currentName() == null ? "" : "." + c.currentName());
    }
    StringBuilder path = new StringBuilder();
    segments.stream().limit(SHOWN_LEVELS).forEach(path::append);
    if (segments.size() > SHOWN_LEVELS) {
      path.append("...");
    }
    String shown = path.toString();
    return shown.startsWith(".") ? shown.substring(1) : shown;
  }

  private static void document(
      JsonNode node, String prefix, List<ModelBooster> boosters, List<String> problems) {
    if (!node.isObject()) {
      problems.add(
          prefix
              + "expected an object with apiVersion and kind, found "
              + node.getNodeType().name().toLowerCase());
      return;
    }
    String kind = node.path("kind").asString("");
    if ((kind.equals("List") || kind.equals(ModelBooster.KIND + "List")) && node.has(LIST_ITEMS)) {
      JsonNode items = node.get(LIST_ITEMS);
      if (!items.isArray()) {
        problems.add(prefix + LIST_ITEMS + ": wrong type: expected a list");
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        booster(items.get(i), prefix, LIST_ITEMS + "[" + i + "].", boosters, problems);
      }
      return;
    }
    booster(node, prefix, "", boosters, problems);
  }

  private static void booster(
      JsonNode node,
      String prefix,
      String path,
      List<ModelBooster> boosters,
      List<String> problems) {
    if (node == null || !node.isObject()) {
      problems.add(prefix + path + "kind: expected a ModelBooster object");
      return;
    }
    String apiVersion = node.path("apiVersion").asString("");
    String kind = node.path("kind").asString("");
    if (!apiVersion.equals(ModelBooster.API_VERSION) || !kind.equals(ModelBooster.KIND)) {
      problems.add(
          prefix
              + path
              + "kind: expected "
              + ModelBooster.KIND
              + " (apiVersion "
              + ModelBooster.API_VERSION
              + "), found "
              + (kind.isEmpty() ? "no kind" : kind)
              + " (apiVersion "
              + (apiVersion.isEmpty() ? "missing" : apiVersion)
              + ")");
      return;
    }
    try {
      ModelBooster booster = StrictBinding.MAPPER.treeToValue(node, ModelBooster.class);
      if (booster.getMetadata() == null) {
        // "metadata: null" or an empty "metadata:" is no metadata at all: validation then asks for
        // the name
        booster.setMetadata(new ObjectMeta());
      }
      boosters.add(booster);
    } catch (JacksonException e) {
      problems.add(prefix + path + StrictBinding.describe(e, node));
    }
  }

  /**
   * The parser's explanation without its indented source excerpts and location lines, and without
   * the clause naming a Jackson setting in backticks ({@code enable `JsonReadFeature...` to
   * allow}).
   */
  private static String syntaxSummary(String message) {
    if (message == null) {
      return "unreadable input";
    }
    String summary =
        message
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .map(String::strip)
            .reduce((a, b) -> a + "; " + b)
            .orElse("unreadable input");
    int tick = summary.indexOf('`');
    if (tick >= 0) {
      int clause = Math.max(summary.lastIndexOf(": ", tick), summary.lastIndexOf("; ", tick));
      summary = clause > 0 ? summary.substring(0, clause) : "unreadable input";
    }
    return summary;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}

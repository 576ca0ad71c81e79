package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import booster.api.ModelBooster;
import booster.api.Patterns;
import booster.cli.BoosterCommand;
import booster.cli.JavaText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A seeded fuzz of validation and render through the whole plugin ({@code create -f -
 * --dry-run=client -o yaml}), starting from every upstream and project example: fields dropped,
 * wrong types, extreme numbers, unicode, shell metacharacters, deep nesting and duplicate keys, in
 * YAML and JSON. Whatever comes in, the exit code is 0 or 1 and nothing printed looks like Java; a
 * rejection names a field path on every error line; an accepted booster renders, for each Kthena
 * release we support, children that validate strictly against that release's child CRDs, with
 * metadata the API server accepts; and every {@code bash -c} script runs as rendered with each
 * shell payload arriving as one inert word.
 */
class RenderFuzzTest {
  private static final long SEED = 20261127L;
  private static final int CASES = 300;
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  /** Writers that let the fuzz write nesting deeper than readers accept. */
  private static final StreamWriteConstraints DEEP =
      StreamWriteConstraints.builder().maxNestingDepth(2000).build();

  private static final ObjectMapper WRITE_YAML =
      YAMLMapper.builder(YAMLFactory.builder().streamWriteConstraints(DEEP).build()).build();
  private static final ObjectMapper WRITE_JSON =
      JsonMapper.builder(JsonFactory.builder().streamWriteConstraints(DEEP).build()).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern FIELD_PATH =
      Pattern.compile("\\b(apiVersion|kind|metadata|spec|items)\\b");
  private static final List<String> COMMAND =
      List.of("create", "-f", "-", "--dry-run=client", "-o", "yaml");

  @TempDir Path dir;

  enum Mutation {
    DROP,
    WRONG_TYPE,
    EXTREME_NUMBER,
    UNICODE,
    SHELL,
    DEEP_NESTING,
    DUPLICATE_KEY
  }

  /** What one case did and found, for the summary and for failure messages. */
  private static final class Tally {
    final Map<String, Integer> counts = new TreeMap<>();

    void add(String what) {
      counts.merge(what, 1, Integer::sum);
    }

    int get(String what) {
      return counts.getOrDefault(what, 0);
    }
  }

  @Test
  void mutatedManifestsAreRejectedByFieldPathOrRenderValidChildren() throws Exception {
    List<Map.Entry<String, ObjectNode>> seeds = seeds();
    Random random = new Random(SEED);
    Tally tally = new Tally();
    Map<String, CrdSchema> schemas = new java.util.HashMap<>();
    for (int n = 0; n < CASES; n++) {
      Map.Entry<String, ObjectNode> seed = seeds.get(random.nextInt(seeds.size()));
      Mutator mutator = new Mutator(random, payloads());
      ObjectNode tree = seed.getValue().deepCopy();
      // A quarter of the cases carry one shell payload only, so that many of them render and reach
      // bash -c.
      int count = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        tally.add(
            "mutation "
                + mutator.mutate(
                    tree, Mutation.values()[random.nextInt(Mutation.values().length)]));
      }
      if (count == 0) {
        tally.add("mutation " + mutator.mutate(tree, Mutation.SHELL));
      }
      boolean json = random.nextInt(4) == 0;
      String input = mutator.emit(tree, json);
      String label =
          "case "
              + n
              + " ("
              + seed.getKey()
              + ", "
              + mutator.applied
              + (json ? ", JSON" : "")
              + ")";
      for (KthenaProfile profile : KthenaProfile.values()) {
        check(
            label + " as " + profile, input, run(input, profile), profile, mutator, tally, schemas);
      }
    }
    tally.counts.forEach(
        (what, times) -> System.out.println("render fuzz: " + what + " = " + times));
    System.out.println(
        "render fuzz: seed "
            + SEED
            + ", "
            + CASES
            + " cases from "
            + seeds.size()
            + " boosters, each "
            + "rendered for "
            + KthenaProfile.values().length
            + " Kthena releases: "
            + tally.get("accepted")
            + " renders accepted, "
            + tally.get("rejected")
            + " rejected");
    assertTrue(
        tally.get("accepted") >= CASES / 10 && tally.get("rejected") >= CASES / 10,
        "the fuzz must exercise both outcomes: " + tally.counts);
    for (Mutation m : Mutation.values()) {
      assertTrue(tally.get("mutation " + m) > 0, "mutation never applied: " + m);
    }
    assertTrue(
        tally.get("shell scripts run") > 0 && tally.get("shell payloads checked") > 0,
        "no payload reached a bash -c script: " + tally.counts);
  }

  private void check(
      String label,
      String input,
      Run run,
      KthenaProfile profile,
      Mutator mutator,
      Tally tally,
      Map<String, CrdSchema> schemas)
      throws Exception {
    String context =
        label
            + "\n--- input (first 2000 characters)\n"
            + input.substring(0, Math.min(2000, input.length()))
            + "\n--- stderr\n"
            + run.err();
    assertTrue(run.exit() == 0 || run.exit() == 1, "exit " + run.exit() + ": " + context);
    JavaText.find(run.out() + run.err())
        .ifPresent(java -> fail("Java text " + java + ": " + context));
    assertTrue(
        run.err()
            .lines()
            .allMatch(
                line ->
                    line.startsWith("error: ")
                        || line.startsWith("Warning: ")
                        || line.startsWith("rendered for Kthena ")),
        "one line per problem: " + context);
    if (run.exit() == 1) {
      tally.add("rejected");
      assertEquals("", run.out(), "nothing is printed for a rejected booster: " + context);
      List<String> errors = run.err().lines().filter(line -> line.startsWith("error: ")).toList();
      assertTrue(!errors.isEmpty(), "rejected without an error line: " + context);
      for (String line : errors) {
        assertTrue(
            FIELD_PATH.matcher(line).find(),
            "an error line without a field path: " + line + "\n" + context);
      }
      return;
    }
    tally.add("accepted");
    List<Map<String, Object>> objects = documents(run.out());
    assertEquals(ModelBooster.KIND, objects.get(0).get("kind"), context);
    assertTrue(objects.size() > 1, "a booster without children: " + context);
    for (Map<String, Object> child : objects.subList(1, objects.size())) {
      ChildKind kind = ChildKind.ofKind((String) child.get("kind"));
      List<String> problems =
          new ArrayList<>(
              schemas
                  .computeIfAbsent(kind + "@" + profile, k -> CrdSchema.of(kind, profile))
                  .violations(child));
      problems.addAll(ObjectMetaRules.problems(child));
      assertEquals(List.of(), problems, kind.kind() + " of " + context);
      tally.add("children validated");
      for (String script : scripts(child)) {
        shell(script, mutator, tally, context);
      }
    }
  }

  /**
   * Runs a script that starts the engine; every payload it carries must reach the engine's argv as
   * one whole word. The other scripts (the Ray worker's start) take nothing from the booster.
   */
  private void shell(String script, Mutator mutator, Tally tally, String context) throws Exception {
    List<String> words = ShellWords.split(script);
    if (!words.contains("python3")) {
      assertTrue(
          mutator.payloads.stream().noneMatch(script::contains),
          "a payload in a fixed script: " + context);
      return;
    }
    Map<String, List<String>> calls = ShellScripts.run("/bin/bash", script, dir);
    tally.add("shell scripts run");
    List<String> argv = calls.get("python3");
    assertEquals(
        words.subList(words.lastIndexOf("python3") + 1, words.size()),
        argv,
        "the engine's argv is the script's last command, word for word: " + context);
    for (String payload : mutator.payloads) {
      if (words.contains(payload)) {
        assertTrue(
            argv.contains(payload),
            "payload altered on its way to the engine: " + payload + "\n" + context);
        tally.add("shell payloads checked");
      }
    }
  }

  // ---- the plugin
  // -------------------------------------------------------------------------------------------

  private record Run(int exit, String out, String err) {}

  private static Run run(String stdin, KthenaProfile profile) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        BoosterCommand.commandLine(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(COMMAND);
    args.addAll(List.of("--kthena-version", profile.label()));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> it = YAML.readerFor(Map.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        docs.add(it.nextValue());
      }
    }
    return docs;
  }

  /** Every {@code bash -c} script in a child. */
  private static List<String> scripts(Object node) {
    List<String> found = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      if (map.get("command") instanceof List<?> command
          && command.size() == 3
          && "bash".equals(command.get(0))
          && "-c".equals(command.get(1))) {
        found.add((String) command.get(2));
      }
      map.values().forEach(v -> found.addAll(scripts(v)));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> found.addAll(scripts(v)));
    }
    return found;
  }

  // ---- inputs
  // ------------------------------------------------------------------------------------------------

  /**
   * Every ModelBooster document of the upstream inputs and examples and of our examples, as trees.
   */
  private static List<Map.Entry<String, ObjectNode>> seeds() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String tag : List.of("v0.1.0", "v0.4.0", "v1.0.0")) {
      files.addAll(yamlFiles(Golden.REFERENCE.resolve(tag).resolve("convert-testdata/input")));
      files.addAll(yamlFiles(Golden.REFERENCE.resolve(tag).resolve("examples/model-booster")));
    }
    files.addAll(yamlFiles(SampleBoosters.EXAMPLES));
    List<Map.Entry<String, ObjectNode>> seeds = new ArrayList<>();
    for (Path file : files) {
      try (MappingIterator<JsonNode> it =
          YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
        while (it.hasNextValue()) {
          JsonNode doc = it.nextValue();
          if (doc instanceof ObjectNode o
              && ModelBooster.KIND.equals(o.path("kind").asString(""))) {
            seeds.add(Map.entry(file.getParent().getFileName() + "/" + file.getFileName(), o));
          }
        }
      }
    }
    assertTrue(seeds.size() >= 10, "seeds: " + seeds.size());
    return seeds;
  }

  private static List<Path> yamlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /**
   * Shell payloads aimed at the marker file: quotes, substitutions, separators, redirections,
   * newlines.
   */
  private List<String> payloads() {
    String m = ShellScripts.marker(dir).toString();
    return List.of(
        "x'; touch " + m + "; echo '",
        "$(touch " + m + ")",
        "`touch " + m + "`",
        "a; touch " + m,
        "a && touch " + m + " || touch " + m,
        "a | tee " + m,
        "a > " + m + "2",
        "\"$(touch " + m + ")\"",
        "x\ntouch " + m + "\n",
        "it's ${HOME} \\ * ?",
        "'\\''; touch " + m + " #");
  }

  /**
   * Applies seeded mutations to a tree and writes it out, with duplicate keys where it planted
   * them.
   */
  private static final class Mutator {
    private static final List<String> UNICODE =
        List.of(
            "ünïcødé",
            "模型-服务",
            "🚀",
            "\u202Eevil",
            "a\u200Bb",
            "e\u0301",
            "Ω≈ç√∫",
            "\t",
            "line\nbreak",
            "",
            " ",
            "\uD83D\uDE80\uD83D\uDE80");
    private static final List<JsonNode> EXTREMES =
        List.of(
            NODES.numberNode(0),
            NODES.numberNode(-1),
            NODES.numberNode(2147483648L),
            NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("1" + "0".repeat(40))),
            NODES.numberNode(1e308),
            NODES.numberNode(-1e308),
            NODES.numberNode(Double.MIN_VALUE),
            NODES.numberNode(1.5),
            NODES.numberNode(-0.0),
            NODES.numberNode(Double.NaN),
            NODES.numberNode(Double.POSITIVE_INFINITY),
            NODES.numberNode(Double.NEGATIVE_INFINITY),
            NODES.stringNode("1e999999999"),
            NODES.stringNode("99999999999999999999Gi"),
            NODES.stringNode("-5"),
            NODES.stringNode("0x1F"));

    private final Random random;
    private final List<String> shellPayloads;
    private final List<String> payloads = new ArrayList<>();
    private final Map<JsonNode, String> duplicated = new IdentityHashMap<>();
    private final List<Mutation> applied = new ArrayList<>();

    Mutator(Random random, List<String> shellPayloads) {
      this.random = random;
      this.shellPayloads = shellPayloads;
    }

    Mutation mutate(ObjectNode root, Mutation m) {
      applied.add(m);
      switch (m) {
        case DROP -> drop(pick(root, node -> true));
        case WRONG_TYPE -> {
          Slot slot = pick(root, node -> true);
          slot.set(otherType(slot.get()));
        }
        case EXTREME_NUMBER -> {
          Slot slot =
              pick(root, node -> node.isNumber() || random.nextInt(4) == 0 && node.isValueNode());
          slot.set(EXTREMES.get(random.nextInt(EXTREMES.size())));
        }
        case UNICODE ->
            pick(root, JsonNode::isString)
                .set(NODES.stringNode(UNICODE.get(random.nextInt(UNICODE.size()))));
        case SHELL -> shell(root);
        case DEEP_NESTING ->
            pick(root, node -> true)
                .set(nested(List.of(10, 200, 499, 501, 800).get(random.nextInt(5))));
        case DUPLICATE_KEY -> {
          List<ObjectNode> objects = new ArrayList<>();
          collectObjects(root, objects);
          ObjectNode target = objects.get(random.nextInt(objects.size()));
          List<String> keys = new ArrayList<>(target.propertyNames());
          duplicated.put(target, keys.isEmpty() ? "name" : keys.get(random.nextInt(keys.size())));
        }
      }
      return m;
    }

    /** Mostly into engine flags (they reach bash -c), sometimes into any string. */
    private void shell(ObjectNode root) {
      String payload = shellPayloads.get(random.nextInt(shellPayloads.size()));
      payloads.add(payload);
      List<ObjectNode> configs = new ArrayList<>();
      root.findValues("config")
          .forEach(
              c -> {
                if (c instanceof ObjectNode o) {
                  configs.add(o);
                }
              });
      if (!configs.isEmpty() && random.nextInt(4) != 0) {
        ObjectNode config = configs.get(random.nextInt(configs.size()));
        config.put(
            List.of("served-model-name", "chat-template", "tokenizer", "x_extra")
                .get(random.nextInt(4)),
            payload);
      } else {
        pick(root, JsonNode::isString).set(NODES.stringNode(payload));
      }
    }

    private JsonNode otherType(JsonNode node) {
      List<JsonNode> choices =
          new ArrayList<>(
              List.of(
                  NODES.stringNode("x"),
                  NODES.numberNode(7),
                  NODES.booleanNode(true),
                  NODES.arrayNode().add(1).add("a"),
                  NODES.objectNode().put("a", 1),
                  NODES.nullNode()));
      choices.removeIf(c -> c.getNodeType() == node.getNodeType());
      return choices.get(random.nextInt(choices.size()));
    }

    private JsonNode nested(int depth) {
      JsonNode node = NODES.stringNode("deep");
      for (int i = 0; i < depth; i++) {
        node =
            random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
      }
      return node;
    }

    /**
     * A place in the tree holding a node that matches, chosen at random (the root's kind and
     * apiVersion rarely).
     */
    private Slot pick(ObjectNode root, java.util.function.Predicate<JsonNode> wanted) {
      List<Slot> slots = new ArrayList<>();
      collect(root, wanted, slots);
      slots.removeIf(
          s ->
              s.parent == root
                  && (s.key.equals("apiVersion") || s.key.equals("kind"))
                  && random.nextInt(20) != 0);
      if (slots.isEmpty()) {
        collect(root, node -> true, slots);
      }
      return slots.get(random.nextInt(slots.size()));
    }

    private static void collect(
        JsonNode node, java.util.function.Predicate<JsonNode> wanted, List<Slot> out) {
      if (node instanceof ObjectNode o) {
        for (String key : new ArrayList<>(o.propertyNames())) {
          if (wanted.test(o.get(key))) {
            out.add(new Slot(o, key, -1));
          }
          collect(o.get(key), wanted, out);
        }
      } else if (node instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          if (wanted.test(a.get(i))) {
            out.add(new Slot(a, null, i));
          }
          collect(a.get(i), wanted, out);
        }
      }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
      if (node instanceof ObjectNode o) {
        out.add(o);
      }
      for (JsonNode child : node) {
        collectObjects(child, out);
      }
    }

    private static void drop(Slot slot) {
      if (slot.parent instanceof ObjectNode o) {
        o.remove(slot.key);
      } else {
        ((ArrayNode) slot.parent).remove(slot.index);
      }
    }

    /**
     * YAML or JSON text of the tree; planted duplicate keys are written twice, non-finite numbers
     * as YAML does.
     */
    String emit(JsonNode root, boolean json) {
      StringWriter text = new StringWriter();
      try (JsonGenerator g = (json ? WRITE_JSON : WRITE_YAML).createGenerator(text)) {
        write(g, root);
      }
      return text.toString();
    }

    private void write(JsonGenerator g, JsonNode node) {
      if (node instanceof ObjectNode o) {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
          g.writeName(e.getKey());
          write(g, e.getValue());
        }
        String again = duplicated.get(o);
        if (again != null) {
          g.writeName(again);
          write(g, o.has(again) ? o.get(again) : NODES.stringNode("again"));
        }
        g.writeEndObject();
      } else if (node instanceof ArrayNode a) {
        g.writeStartArray();
        for (JsonNode element : a) {
          write(g, element);
        }
        g.writeEndArray();
      } else if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
        double d = node.doubleValue();
        g.writeNumber(Double.isNaN(d) ? ".nan" : d > 0 ? ".inf" : "-.inf");
      } else {
        g.writeTree(node);
      }
    }
  }

  /** One place in a tree: an object's key or an array's index. */
  private record Slot(JsonNode parent, String key, int index) {
    JsonNode get() {
      return parent instanceof ObjectNode o ? o.get(key) : parent.get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode o) {
        o.set(key, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }
  }

  /** What the API server checks in a child's metadata (the CRD schema leaves it out). */
  private static final class ObjectMetaRules {
    private ObjectMetaRules() {}

    @SuppressWarnings("unchecked")
    static List<String> problems(Map<String, Object> object) {
      List<String> out = new ArrayList<>();
      Map<String, Object> meta = (Map<String, Object>) object.get("metadata");
      String name = String.valueOf(meta.get("name"));
      if (name.length() > Patterns.MAX_DNS_SUBDOMAIN || !name.matches(Patterns.DNS_SUBDOMAIN)) {
        out.add("metadata.name: not a DNS-1123 subdomain: " + name);
      }
      String namespace = String.valueOf(meta.get("namespace"));
      if (namespace.length() > Patterns.MAX_LABEL_VALUE || !namespace.matches(Patterns.DNS_LABEL)) {
        out.add("metadata.namespace: not a DNS-1123 label: " + namespace);
      }
      Object labels = meta.get("labels");
      if (labels instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) -> {
              String key = String.valueOf(k);
              String value = String.valueOf(v);
              String keyName = key.substring(key.indexOf('/') + 1);
              String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : "";
              if (keyName.length() > Patterns.MAX_LABEL_VALUE
                  || !keyName.matches(Patterns.LABEL_NAME)
                  || !prefix.isEmpty() && !prefix.matches(Patterns.DNS_SUBDOMAIN)) {
                out.add("metadata.labels: invalid key " + key);
              }
              if (value.length() > Patterns.MAX_LABEL_VALUE
                  || !value.isEmpty() && !value.matches(Patterns.LABEL_NAME)) {
                out.add("metadata.labels[" + key + "]: invalid value " + value);
              }
            });
      }
      if (!(meta.get("ownerReferences") instanceof List<?> refs) || refs.size() != 1) {
        out.add("metadata.ownerReferences: expected the booster's controller reference");
      }
      return out;
    }
  }
}

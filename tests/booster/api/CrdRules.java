package booster.api;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every value rule of a CRD's schema, each evaluated on its own the way the API server evaluates
 * it: the OpenAPI bounds (minimum, maximum, minLength, maxLength, pattern, enum, minItems,
 * maxItems) and each CEL {@code x-kubernetes-validations} rule, compiled with cel-java against
 * types derived from the schema, as the API server type-checks them when the CRD is created. So an
 * unknown field, a type error or a misspelt function in a rule fails here instead of in a user's
 * {@code kubectl apply}.
 *
 * <p>The CEL environment is the standard library plus the string and set extensions, which the API
 * server also offers. Kubernetes-only libraries ({@code isURL}, {@code quantity}, IP/CIDR, semver,
 * authz and its own list and regex functions) are not declared: none of our rules uses them, and a
 * rule that starts to would not compile here until its functions are declared and bound in this
 * class. Transition rules (those reading {@code oldSelf}) get {@code oldSelf} of the same type and
 * are evaluated on updates only, as the API server does.
 */
final class CrdRules {

  /**
   * One rule: where it sits in the schema ({@code []} an item, {@code {}} a map value) and what it
   * demands.
   */
  record Rule(String location, String keyword, Object bound, String fieldPath) {
    boolean isCel() {
      return keyword.equals("CEL");
    }

    String id() {
      return location.isEmpty() ? "<root> " + describe() : location + " " + describe();
    }

    String describe() {
      return isCel()
          ? "CEL " + bound
          : keyword
              + " "
              + (bound instanceof Number n
                  ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                  : bound);
    }

    boolean transition() {
      return isCel() && ((String) bound).contains("oldSelf");
    }
  }

  /**
   * A present node an object has at a rule's location: its concrete path ({@code [i]}, {@code
   * [key]}) and value.
   */
  record Node(String path, Object value) {}

  private static final List<String> BOUNDS =
      List.of(
          "minimum",
          "maximum",
          "minLength",
          "maxLength",
          "pattern",
          "enum",
          "minItems",
          "maxItems");

  private final Map<String, Object> root;
  private final List<Rule> rules = new ArrayList<>();
  private final Map<Rule, dev.cel.runtime.CelRuntime.Program> programs = new LinkedHashMap<>();
  private final List<String> compileErrors = new ArrayList<>();

  @SuppressWarnings("unchecked")
  CrdRules(Path crd) {
    try {
      Map<String, Object> doc =
          YAMLMapper.builder().build().readValue(Files.readString(crd), Map.class);
      Map<String, Object> version =
          ((List<Map<String, Object>>) ((Map<String, Object>) doc.get("spec")).get("versions"))
              .get(0);
      root =
          (Map<String, Object>)
              ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    collect(root, "");
    for (Rule rule : rules) {
      if (rule.isCel()) {
        compile(rule);
      }
    }
  }

  List<Rule> rules() {
    return rules;
  }

  /**
   * Every CEL rule that failed to compile or names a fieldPath the schema lacks, with the checker's
   * message.
   */
  List<String> compileErrors() {
    return compileErrors;
  }

  @SuppressWarnings("unchecked")
  private void collect(Map<String, Object> schema, String location) {
    for (String keyword : BOUNDS) {
      if (schema.containsKey(keyword)) {
        rules.add(new Rule(location, keyword, schema.get(keyword), null));
      }
    }
    for (Map<String, Object> rule :
        (List<Map<String, Object>>) schema.getOrDefault("x-kubernetes-validations", List.of())) {
      rules.add(new Rule(location, "CEL", rule.get("rule"), (String) rule.get("fieldPath")));
    }
    if (schema.get("properties") instanceof Map<?, ?> props) {
      ((Map<String, Map<String, Object>>) props)
          .forEach((name, sub) -> collect(sub, location.isEmpty() ? name : location + "." + name));
    }
    if (schema.get("items") instanceof Map<?, ?> items) {
      collect((Map<String, Object>) items, location + "[]");
    }
    if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
      collect((Map<String, Object>) values, location + "{}");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> schemaAt(String location) {
    Map<String, Object> schema = root;
    for (String segment : segments(location)) {
      schema =
          switch (segment) {
            case "[]" -> (Map<String, Object>) schema.get("items");
            case "{}" -> (Map<String, Object>) schema.get("additionalProperties");
            default ->
                (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(segment);
          };
    }
    return schema;
  }

  /**
   * {@code spec.backends[].workers[]} as {@code spec}, {@code backends}, {@code []}, {@code
   * workers}, {@code []}.
   */
  private static List<String> segments(String location) {
    List<String> out = new ArrayList<>();
    for (String part : location.replace("[]", ".[]").replace("{}", ".{}").split("\\.")) {
      if (!part.isEmpty()) {
        out.add(part);
      }
    }
    return out;
  }

  private void compile(Rule rule) {
    Types types = new Types();
    CelType self =
        types.of(
            schemaAt(rule.location()),
            rule.location().isEmpty() ? "root" : rule.location(),
            rule.location().isEmpty());
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(
                CelExtensions.strings(), CelExtensions.sets(CelOptions.current().build()))
            .addRuntimeLibraries(
                CelExtensions.strings(), CelExtensions.sets(CelOptions.current().build()))
            .setTypeProvider(types)
            .addVar("self", self);
    if (rule.transition()) {
      builder.addVar("oldSelf", self);
    }
    Cel cel = builder.build();
    try {
      programs.put(rule, cel.createProgram(cel.compile((String) rule.bound()).getAst()));
    } catch (CelValidationException | CelEvaluationException e) {
      compileErrors.add(rule.id() + ": " + e.getMessage());
    }
    if (rule.fieldPath() != null && !fieldPathExists(schemaAt(rule.location()), rule.fieldPath())) {
      compileErrors.add(
          rule.id() + ": fieldPath " + rule.fieldPath() + " is not a field of " + rule.location());
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean fieldPathExists(Map<String, Object> schema, String fieldPath) {
    Map<String, Object> node = schema;
    for (String name : fieldPath.substring(1).split("\\.")) {
      Object props = node.get("properties");
      if (!(props instanceof Map<?, ?> p) || !p.containsKey(name)) {
        return false;
      }
      node = (Map<String, Object>) p.get(name);
    }
    return true;
  }

  /**
   * The present nodes of {@code object} (a plain tree of maps, lists and scalars) at a rule's
   * location.
   */
  @SuppressWarnings("unchecked")
  static List<Node> nodes(Object object, String location) {
    List<Node> nodes = List.of(new Node("", object));
    for (String segment : segments(location)) {
      List<Node> next = new ArrayList<>();
      for (Node node : nodes) {
        if (segment.equals("[]") && node.value() instanceof List<?> list) {
          for (int i = 0; i < list.size(); i++) {
            next.add(new Node(node.path() + "[" + i + "]", list.get(i)));
          }
        } else if (segment.equals("{}") && node.value() instanceof Map<?, ?> map) {
          ((Map<String, Object>) map)
              .forEach((key, value) -> next.add(new Node(node.path() + "[" + key + "]", value)));
        } else if (node.value() instanceof Map<?, ?> map && map.containsKey(segment)) {
          next.add(
              new Node(
                  node.path().isEmpty() ? segment : node.path() + "." + segment, map.get(segment)));
        }
      }
      nodes = next;
    }
    return nodes;
  }

  /**
   * Whether the rule holds at every node of its location in {@code object}; for a transition rule,
   * {@code old} is the stored object (null on create, when the API server does not evaluate
   * transition rules).
   */
  boolean holds(Rule rule, Map<String, Object> object, Map<String, Object> old) {
    for (Node node : nodes(object, rule.location())) {
      if (!holdsAt(rule, node, old)) {
        return false;
      }
    }
    return true;
  }

  private boolean holdsAt(Rule rule, Node node, Map<String, Object> old) {
    Object value = node.value();
    if (rule.isCel()) {
      if (rule.transition()) {
        Optional<Node> before =
            old == null
                ? Optional.empty()
                : nodes(old, rule.location()).stream()
                    .filter(n -> n.path().equals(node.path()))
                    .findFirst();
        return before.isEmpty()
            || evaluate(rule, Map.of("self", cel(value), "oldSelf", cel(before.get().value())));
      }
      return evaluate(rule, Map.of("self", cel(value)));
    }
    return switch (rule.keyword()) {
      case "minimum" -> !(value instanceof Number n) || compare(n, (Number) rule.bound()) >= 0;
      case "maximum" -> !(value instanceof Number n) || compare(n, (Number) rule.bound()) <= 0;
      case "minLength" ->
          !(value instanceof String s)
              || s.codePointCount(0, s.length()) >= ((Number) rule.bound()).intValue();
      case "maxLength" ->
          !(value instanceof String s)
              || s.codePointCount(0, s.length()) <= ((Number) rule.bound()).intValue();
      // Go's regexp MatchString, as the API server uses: a match anywhere, so CRD patterns carry
      // their anchors
      case "pattern" ->
          !(value instanceof String s) || Pattern.compile((String) rule.bound()).matcher(s).find();
      case "enum" -> ((List<?>) rule.bound()).contains(value);
      case "minItems" ->
          !(value instanceof List<?> l) || l.size() >= ((Number) rule.bound()).intValue();
      case "maxItems" ->
          !(value instanceof List<?> l) || l.size() <= ((Number) rule.bound()).intValue();
      default -> throw new IllegalStateException("unknown keyword " + rule.keyword());
    };
  }

  private boolean evaluate(Rule rule, Map<String, Object> variables) {
    var program = programs.get(rule);
    if (program == null) {
      throw new IllegalStateException(rule.id() + " did not compile");
    }
    try {
      return (Boolean) program.eval(variables);
    } catch (CelEvaluationException e) {
      // The API server reports an evaluation error as a rejection too.
      return false;
    }
  }

  private static int compare(Number a, Number b) {
    return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
  }

  /** A JSON tree as CEL values: integers as long, other numbers as double. */
  static Object cel(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, cel(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CrdRules::cel).toList();
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof BigInteger) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return value;
  }

  /**
   * CEL types of a structural schema, as the API server derives them: an object with properties is
   * a struct of those fields (so an unknown field does not type-check), a map of values is a map,
   * int-or-string and free-form objects are dynamic; at the root, {@code metadata} offers only
   * {@code name} and {@code generateName}.
   */
  private static final class Types implements CelTypeProvider {
    private final Map<String, CelType> structs = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    CelType of(Map<String, Object> schema, String name, boolean root) {
      if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))
          || schema.get("type") == null) {
        return SimpleType.DYN;
      }
      return switch ((String) schema.get("type")) {
        case "string" -> SimpleType.STRING;
        case "integer" -> SimpleType.INT;
        case "number" -> SimpleType.DOUBLE;
        case "boolean" -> SimpleType.BOOL;
        case "array" ->
            ListType.create(of((Map<String, Object>) schema.get("items"), name + "[]", false));
        case "object" -> object(schema, name, root);
        default ->
            throw new IllegalStateException(name + ": unknown schema type " + schema.get("type"));
      };
    }

    @SuppressWarnings("unchecked")
    private CelType object(Map<String, Object> schema, String name, boolean root) {
      if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
        return MapType.create(
            SimpleType.STRING, of((Map<String, Object>) values, name + "{}", false));
      }
      if (!(schema.get("properties") instanceof Map<?, ?> props)) {
        return SimpleType.DYN;
      }
      Map<String, CelType> fields = new LinkedHashMap<>();
      ((Map<String, Map<String, Object>>) props)
          .forEach((field, sub) -> fields.put(field, of(sub, name + "." + field, false)));
      if (root) {
        // the API server's own ObjectMeta, whatever the CRD declares
        fields.put("metadata", metadata());
      }
      return struct(name, fields);
    }

    private CelType metadata() {
      return struct(
          "metadata", Map.of("name", SimpleType.STRING, "generateName", SimpleType.STRING));
    }

    private CelType struct(String name, Map<String, CelType> fields) {
      String typeName = "crd." + name.replaceAll("[^A-Za-z0-9]", "_");
      StructType type =
          StructType.create(
              typeName,
              ImmutableSet.copyOf(fields.keySet()),
              field -> Optional.ofNullable(fields.get(field)));
      structs.put(typeName, type);
      return type;
    }

    @Override
    public ImmutableCollection<CelType> types() {
      return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
      return Optional.ofNullable(structs.get(typeName));
    }
  }
}

package booster.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A small validator for the structural OpenAPI schema of a CRD, checking what the API server checks
 * on create: unknown fields (unless {@code x-kubernetes-preserve-unknown-fields}), types (including
 * {@code x-kubernetes-int-or-string} and the int32 range), required fields, enums, minimum/maximum,
 * min/max length, items and properties, patterns, list-type set/map uniqueness,
 * allOf/anyOf/oneOf/not. Root {@code metadata} is the API server's own ObjectMeta and is left to
 * the caller. CEL rules ({@code x-kubernetes-validations}) are not evaluated: callers assert the
 * few that matter explicitly. A schema keyword this class does not know fails loudly, so nothing is
 * skipped silently.
 */
final class CrdSchema {
  private static final Set<String> KEYWORDS =
      Set.of(
          "description",
          "type",
          "properties",
          "additionalProperties",
          "items",
          "required",
          "enum",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "pattern",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "uniqueItems",
          "format",
          "default",
          "nullable",
          "anyOf",
          "allOf",
          "oneOf",
          "not",
          "title",
          "example",
          "externalDocs",
          "x-kubernetes-int-or-string",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-list-type",
          "x-kubernetes-list-map-keys",
          "x-kubernetes-map-type",
          "x-kubernetes-validations",
          "x-kubernetes-embedded-resource");

  private final Map<String, Object> root;

  private CrdSchema(Map<String, Object> root) {
    this.root = root;
  }

  /**
   * The upstream CRD of a child kind in the release a profile writes for, {@code
   * <group>_<plural>.yaml}.
   */
  static CrdSchema of(ChildKind kind, KthenaProfile profile) {
    if (!profile.childKinds().contains(kind)) {
      throw new IllegalArgumentException("Kthena " + profile + " has no " + kind.kind());
    }
    return load(
        Golden.REFERENCE
            .resolve(release(profile))
            .resolve("crds")
            .resolve(kind.group() + "_" + kind.plural() + ".yaml"));
  }

  /** The upstream tag whose CRDs and golden files stand for a profile. */
  static String release(KthenaProfile profile) {
    return profile == KthenaProfile.V0_4 ? "v0.4.0" : "v1.0.0";
  }

  @SuppressWarnings("unchecked")
  static CrdSchema load(Path crd) {
    try {
      Map<String, Object> doc =
          YAMLMapper.builder().build().readValue(Files.readString(crd), Map.class);
      Map<String, Object> spec = (Map<String, Object>) doc.get("spec");
      Map<String, Object> version = ((List<Map<String, Object>>) spec.get("versions")).get(0);
      return new CrdSchema(
          (Map<String, Object>)
              ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every violation of the object (a plain tree of maps, lists and scalars), each prefixed by its
   * field path.
   */
  List<String> violations(Map<String, Object> object) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : object.entrySet()) {
      if (!e.getKey().equals("metadata")) {
        Map<String, Object> field = property(root, e.getKey());
        if (field == null) {
          out.add(e.getKey() + ": unknown field");
        } else {
          check(field, e.getValue(), e.getKey(), out);
        }
      }
    }
    for (String name : strings(root.get("required"))) {
      if (!object.containsKey(name)) {
        out.add(name + ": required field missing");
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> property(Map<String, Object> schema, String name) {
    Object props = schema.get("properties");
    return props instanceof Map<?, ?> m ? (Map<String, Object>) m.get(name) : null;
  }

  @SuppressWarnings("unchecked")
  private static void check(
      Map<String, Object> schema, Object value, String path, List<String> out) {
    for (String key : schema.keySet()) {
      if (!KEYWORDS.contains(key)) {
        throw new IllegalStateException(
            path + ": schema keyword not supported by this validator: " + key);
      }
    }
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        out.add(path + ": null is not allowed");
      }
      return;
    }
    if (!typeMatches(schema, value, path, out)) {
      return;
    }
    checkValue(schema, value, path, out);
    for (Map<String, Object> sub :
        (List<Map<String, Object>>) schema.getOrDefault("allOf", List.of())) {
      checkValue(sub, value, path, out);
    }
    if (schema.get("anyOf") instanceof List<?> anyOf
        && !Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))
        && matching((List<Map<String, Object>>) anyOf, value, path) == 0) {
      out.add(path + ": matches none of anyOf");
    }
    if (schema.get("oneOf") instanceof List<?> oneOf
        && matching((List<Map<String, Object>>) oneOf, value, path) != 1) {
      out.add(path + ": must match exactly one of oneOf");
    }
    if (schema.get("not") instanceof Map<?, ?> not
        && matching(List.of((Map<String, Object>) not), value, path) == 1) {
      out.add(path + ": must not match the 'not' schema");
    }
    if (value instanceof Map<?, ?> map) {
      checkObject(schema, (Map<String, Object>) map, path, out);
    } else if (value instanceof List<?> list) {
      checkArray(schema, list, path, out);
    }
  }

  /** How many of the value-validation sub-schemas accept the value. */
  private static int matching(List<Map<String, Object>> schemas, Object value, String path) {
    int count = 0;
    for (Map<String, Object> sub : schemas) {
      List<String> found = new ArrayList<>();
      if (!sub.containsKey("type") || typeMatches(sub, value, path, found)) {
        checkValue(sub, value, path, found);
      }
      count += found.isEmpty() ? 1 : 0;
    }
    return count;
  }

  private static boolean typeMatches(
      Map<String, Object> schema, Object value, String path, List<String> out) {
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (isInteger(value) || value instanceof String) {
        return true;
      }
      out.add(path + ": must be an integer or a string, got " + describe(value));
      return false;
    }
    Object type = schema.get("type");
    if (type == null) {
      return true;
    }
    boolean ok =
        switch ((String) type) {
          case "object" -> value instanceof Map;
          case "array" -> value instanceof List;
          case "string" -> value instanceof String;
          case "boolean" -> value instanceof Boolean;
          case "integer" -> isInteger(value);
          case "number" -> value instanceof Number;
          default -> throw new IllegalStateException(path + ": unknown schema type " + type);
        };
    if (!ok) {
      out.add(path + ": must be of type " + type + ", got " + describe(value));
    }
    return ok;
  }

  /** Scalar checks: enum, format, numeric bounds, string length and pattern. */
  private static void checkValue(
      Map<String, Object> schema, Object value, String path, List<String> out) {
    if (schema.get("enum") instanceof List<?> values
        && values.stream().noneMatch(v -> sameValue(v, value))) {
      out.add(path + ": " + value + " is not one of " + values);
    }
    if ("int32".equals(schema.get("format")) && isInteger(value)) {
      BigInteger n = new BigDecimal(value.toString()).toBigInteger();
      if (n.bitLength() > 31) {
        out.add(path + ": " + value + " is out of the int32 range");
      }
    }
    if (value instanceof Number n) {
      BigDecimal v = new BigDecimal(n.toString());
      if (schema.get("minimum") instanceof Number min) {
        int c = v.compareTo(new BigDecimal(min.toString()));
        if (c < 0 || (c == 0 && Boolean.TRUE.equals(schema.get("exclusiveMinimum")))) {
          out.add(path + ": " + value + " is below the minimum " + min);
        }
      }
      if (schema.get("maximum") instanceof Number max) {
        int c = v.compareTo(new BigDecimal(max.toString()));
        if (c > 0 || (c == 0 && Boolean.TRUE.equals(schema.get("exclusiveMaximum")))) {
          out.add(path + ": " + value + " is above the maximum " + max);
        }
      }
    }
    if (value instanceof String s) {
      int length = s.codePointCount(0, s.length());
      if (schema.get("minLength") instanceof Number min && length < min.intValue()) {
        out.add(path + ": shorter than " + min);
      }
      if (schema.get("maxLength") instanceof Number max && length > max.intValue()) {
        out.add(path + ": longer than " + max);
      }
      if (schema.get("pattern") instanceof String pattern
          && !Pattern.compile(pattern).matcher(s).find()) {
        out.add(path + ": \"" + s + "\" does not match " + pattern);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void checkObject(
      Map<String, Object> schema, Map<String, Object> map, String path, List<String> out) {
    boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
    Object additional = schema.get("additionalProperties");
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String child = path + "." + e.getKey();
      Map<String, Object> field = property(schema, e.getKey());
      if (field != null) {
        check(field, e.getValue(), child, out);
      } else if (additional instanceof Map<?, ?> valueSchema) {
        check((Map<String, Object>) valueSchema, e.getValue(), child, out);
      } else if (!preserve && !Boolean.TRUE.equals(additional)) {
        out.add(child + ": unknown field");
      }
    }
    for (String name : strings(schema.get("required"))) {
      if (!map.containsKey(name)) {
        out.add(path + "." + name + ": required field missing");
      }
    }
    if (schema.get("minProperties") instanceof Number min && map.size() < min.intValue()) {
      out.add(path + ": fewer than " + min + " properties");
    }
    if (schema.get("maxProperties") instanceof Number max && map.size() > max.intValue()) {
      out.add(path + ": more than " + max + " properties");
    }
  }

  @SuppressWarnings("unchecked")
  private static void checkArray(
      Map<String, Object> schema, List<?> list, String path, List<String> out) {
    if (schema.get("minItems") instanceof Number min && list.size() < min.intValue()) {
      out.add(path + ": fewer than " + min + " items");
    }
    if (schema.get("maxItems") instanceof Number max && list.size() > max.intValue()) {
      out.add(path + ": more than " + max + " items");
    }
    if (schema.get("items") instanceof Map<?, ?> items) {
      for (int i = 0; i < list.size(); i++) {
        check((Map<String, Object>) items, list.get(i), path + "[" + i + "]", out);
      }
    }
    String listType = (String) schema.get("x-kubernetes-list-type");
    boolean set = "set".equals(listType) || Boolean.TRUE.equals(schema.get("uniqueItems"));
    List<String> keys = strings(schema.get("x-kubernetes-list-map-keys"));
    Set<Object> seen = new HashSet<>();
    for (Object item : list) {
      Object identity =
          "map".equals(listType) && item instanceof Map<?, ?> m
              ? keys.stream().map(m::get).toList()
              : item;
      if ((set || "map".equals(listType)) && !seen.add(identity)) {
        out.add(path + ": duplicate item " + identity);
      }
    }
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger;
  }

  private static boolean sameValue(Object allowed, Object value) {
    return allowed instanceof Number a && value instanceof Number b
        ? new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0
        : allowed.equals(value);
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      l.forEach(item -> out.add(String.valueOf(item)));
    }
    return out;
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " " + value;
  }
}

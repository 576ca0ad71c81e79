package booster.translate;

import booster.TestSerialization;
import booster.api.ModelBooster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Upstream golden files, read from {@code ../shared/reference/kthena} (never copied into the
 * project), and the comparison upstream's Go tests make: typed equality, where a zero value equals
 * an absent field and JSON keys match case-insensitively. Tests apply their named masks on top, one
 * per deliberate difference (docs/design.md §8.1).
 */
public final class Golden {
  public static final Path REFERENCE = Path.of("..", "shared", "reference", "kthena");
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private Golden() {}

  public static Path file(String tag, String relative) {
    Path p = REFERENCE.resolve(tag).resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(
          "reference file missing: "
              + p.toAbsolutePath()
              + " (tests expect ../shared beside the checkout)");
    }
    return p;
  }

  /**
   * A golden input booster as written, not defaulted by an API server, as upstream's tests read it.
   */
  public static ModelBooster input(String tag, String name) {
    try {
      return TestSerialization.KUBERNETES.unmarshal(
          Files.readString(file(tag, "convert-testdata/input/" + name)), ModelBooster.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The single document of an expected file, as a plain tree. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> expected(String tag, String name) {
    try {
      return YAML.readValue(
          Files.readString(file(tag, "convert-testdata/expected/" + name)), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Any object (a child, a fabric8 model) as a plain tree of maps, lists and scalars. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(Object value) {
    return YAML.convertValue(value, LinkedHashMap.class);
  }

  /**
   * Go typed-equality normal form: drops nulls, empty strings, zero numbers, false, empty maps and
   * lists, and the zero duration "0s"; folds the misspelled key {@code envfrom} into {@code
   * envFrom}; and writes numbers as their decimal text, since quantities and int-or-string fields
   * decode equal either way.
   */
  public static Object normalize(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.equals("envfrom")) {
          key = "envFrom";
        }
        Object v = normalize(e.getValue());
        if (!isZero(v)) {
          out.put(key, v);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(normalize(item));
      }
      return out;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : n.toString();
    }
    return value;
  }

  private static boolean isZero(Object v) {
    return v == null
        || "".equals(v)
        || "0".equals(v)
        || Boolean.FALSE.equals(v)
        || "0s".equals(v)
        || (v instanceof Map<?, ?> m && m.isEmpty())
        || (v instanceof List<?> l && l.isEmpty());
  }

  /**
   * Every path where the two normal forms differ, for a readable failure message; empty when equal.
   */
  public static List<String> differences(Object expected, Object actual) {
    List<String> out = new ArrayList<>();
    diff("", normalize(expected), normalize(actual), out);
    return out;
  }

  private static void diff(String path, Object e, Object a, List<String> out) {
    if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
      for (Object k : em.keySet()) {
        diff(path + "." + k, em.get(k), am.get(k), out);
      }
      for (Object k : am.keySet()) {
        if (!em.containsKey(k)) {
          out.add(path + "." + k + ": unexpected " + am.get(k));
        }
      }
    } else if (e instanceof List<?> el && a instanceof List<?> al) {
      if (el.size() != al.size()) {
        out.add(path + ": expected " + el.size() + " items, got " + al.size() + ": " + al);
        return;
      }
      for (int i = 0; i < el.size(); i++) {
        diff(path + "[" + i + "]", el.get(i), al.get(i), out);
      }
    } else if (!Objects.equals(e, a)) {
      out.add(path + ": expected " + e + ", got " + a);
    }
  }

  /**
   * Removes the value at a dotted path ({@code metadata.labels.x}); list items are addressed as
   * {@code [i]}.
   */
  @SuppressWarnings("unchecked")
  public static void remove(Map<String, Object> tree, String... path) {
    Object node = tree;
    for (int i = 0; i < path.length - 1 && node != null; i++) {
      node = step(node, path[i]);
    }
    if (node instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).remove(path[path.length - 1]);
    }
  }

  /**
   * Every map in the tree, depth first (to mask a key wherever it appears, e.g. the revision
   * label).
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(Object tree) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (tree instanceof Map<?, ?> m) {
      out.add((Map<String, Object>) m);
      for (Object v : m.values()) {
        out.addAll(maps(v));
      }
    } else if (tree instanceof List<?> l) {
      for (Iterator<?> it = l.iterator(); it.hasNext(); ) {
        out.addAll(maps(it.next()));
      }
    }
    return out;
  }

  private static Object step(Object node, String key) {
    if (node instanceof Map<?, ?> m) {
      return m.get(key);
    }
    if (node instanceof List<?> l && key.startsWith("[")) {
      return l.get(Integer.parseInt(key.substring(1, key.length() - 1)));
    }
    return null;
  }
}

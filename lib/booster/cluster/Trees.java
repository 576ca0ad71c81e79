package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Objects as plain JSON trees (maps, lists, scalars) and back, and the generic helpers on such
 * trees that comparing, merging and reading children share.
 */
public final class Trees {
  /**
   * fabric8's mapping (Quantity, IntOrString, ...), shared by everything, the plugin's client
   * included: building one is costly, and each has its own caches. Configured as fabric8's default
   * except that it does not instantiate every model class on the class path up front (a fifth of a
   * plugin start); kinds we read are typed or generic.
   */
  public static final KubernetesSerialization SERIALIZATION =
      new KubernetesSerialization(
          JsonMapper.builderWithJackson2Defaults().addModule(new Jackson2JdkTypesModule()).build(),
          false);

  private Trees() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(HasMetadata object) {
    return SERIALIZATION.convertValue(object, Map.class);
  }

  /** Any model object (a spec, a list) as a JSON tree. */
  public static Object tree(Object value) {
    return SERIALIZATION.convertValue(value, Object.class);
  }

  static GenericKubernetesResource toResource(Map<String, Object> tree) {
    return SERIALIZATION.convertValue(tree, GenericKubernetesResource.class);
  }

  /**
   * Structural equality of two JSON trees, numbers by value, map keys in any order (API servers
   * sort them).
   */
  public static boolean same(Object a, Object b) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      return ma.size() == mb.size()
          && ma.entrySet().stream()
              .allMatch(e -> mb.containsKey(e.getKey()) && same(e.getValue(), mb.get(e.getKey())));
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!same(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return sameScalar(a, b);
  }

  /** Numbers compare by value: a desired 1 (int) equals a live 1 read back as long or 1.0. */
  private static boolean sameScalar(Object want, Object have) {
    if (want instanceof Number a && have instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return Objects.equals(want, have);
  }

  /** The value as a JSON object, or a new empty one when it is not an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  /** The value at a path of object keys, or null where the path ends early. */
  static Object at(Object tree, String... keys) {
    Object current = tree;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  /**
   * The object element of a JSON list whose {@code key} holds {@code value} (not null), or null.
   */
  static Map<String, Object> element(Object list, String key, Object value) {
    if (value != null && list instanceof List<?> elements) {
      for (Object element : elements) {
        if (element instanceof Map<?, ?> && value.equals(map(element).get(key))) {
          return map(element);
        }
      }
    }
    return null;
  }

  /**
   * A path segment: plain keys joined with dots, keys holding dots or slashes (label keys) in
   * brackets.
   */
  static String child(String path, String key) {
    if (key.contains(".") || key.contains("/")) {
      return path + "[\"" + key + "\"]";
    }
    return path.isEmpty() ? key : path + "." + key;
  }
}

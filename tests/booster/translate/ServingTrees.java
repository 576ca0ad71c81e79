package booster.translate;

import java.util.List;
import java.util.Map;

/**
 * Navigation in a rendered (or golden) ModelServing tree: roles, their pod templates and
 * containers.
 */
final class ServingTrees {
  private ServingTrees() {}

  static Map<String, Object> spec(Map<String, Object> serving) {
    return map(serving.get("spec"));
  }

  static Map<String, Object> template(Map<String, Object> serving) {
    return map(spec(serving).get("template"));
  }

  static Map<String, Object> role(Map<String, Object> serving, int index) {
    return maps(template(serving).get("roles")).get(index);
  }

  /** The pod spec of a role's {@code entryTemplate} or {@code workerTemplate}. */
  static Map<String, Object> podSpec(Map<String, Object> role, String template) {
    return map(map(role.get(template)).get("spec"));
  }

  static Map<String, Object> podLabels(Map<String, Object> role, String template) {
    return map(map(map(role.get(template)).get("metadata")).get("labels"));
  }

  static Map<String, Object> container(Map<String, Object> role, String template, String name) {
    return named(podSpec(role, template).get("containers"), name);
  }

  /** The item of a list of named objects (containers, volumes, env) with that name. */
  static Map<String, Object> named(Object items, String name) {
    return maps(items).stream()
        .filter(c -> name.equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + items));
  }

  static List<String> names(Object items) {
    return maps(items).stream().map(m -> (String) m.get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object o) {
    return (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }
}

package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/** Objects as plain JSON trees (maps, lists, scalars) and back, for field-wise comparison and merging. */
final class Trees {
  private Trees() {
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> of(GenericKubernetesResource object) {
    return Serialization.jsonMapper().convertValue(object, Map.class);
  }

  static GenericKubernetesResource toResource(Map<String, Object> tree) {
    return Serialization.jsonMapper().convertValue(tree, GenericKubernetesResource.class);
  }

  /** A path segment: plain keys joined with dots, keys holding dots or slashes (label keys) in brackets. */
  static String child(String path, String key) {
    if (key.contains(".") || key.contains("/")) {
      return path + "[\"" + key + "\"]";
    }
    return path.isEmpty() ? key : path + "." + key;
  }
}

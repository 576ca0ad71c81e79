package booster.cli;

import booster.cluster.Trees;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * One object of a diff: its LIVE and MERGED versions, either absent (an addition or a prune), named
 * as kubectl names the files: {@code <group>.<version>.<Kind>.<namespace>.<name>}.
 */
record DiffObject(String fileName, Map<String, Object> live, Map<String, Object> merged) {
  static DiffObject of(HasMetadata live, HasMetadata merged) {
    HasMetadata named = merged != null ? merged : live;
    String apiVersion = named.getApiVersion();
    String groupVersion = apiVersion.contains("/") ? apiVersion.replace('/', '.') : apiVersion;
    String file =
        groupVersion
            + "."
            + named.getKind()
            + "."
            + named.getMetadata().getNamespace()
            + "."
            + named.getMetadata().getName();
    return new DiffObject(file, shown(live), shown(merged));
  }

  /**
   * Without status and managedFields: neither is something the plugin or the operator would change.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> shown(HasMetadata object) {
    if (object == null) {
      return null;
    }
    Map<String, Object> tree = Trees.of(object);
    tree.remove("status");
    if (tree.get("metadata") instanceof Map<?, ?> metadata) {
      ((Map<String, Object>) metadata).remove("managedFields");
    }
    return tree;
  }
}

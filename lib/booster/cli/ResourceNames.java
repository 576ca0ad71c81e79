package booster.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** How kubectl names an object in its messages and in {@code -o name}: {@code kind.group/name}. */
final class ResourceNames {
  private ResourceNames() {
  }

  static String of(HasMetadata object) {
    String apiVersion = object.getApiVersion() == null ? "" : object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : "." + apiVersion.substring(0, slash);
    return object.getKind().toLowerCase() + group + "/" + object.getMetadata().getName();
  }
}

package booster.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;

/** How kubectl names an object in its messages and in {@code -o name}: {@code kind.group/name}. */
final class ResourceNames {
  /**
   * Listing order of objects across namespaces. Kept out of the command classes: picocli reflects
   * on their methods, and a lambda over a fabric8 type there would load fabric8 for --help and
   * completion.
   */
  static final Comparator<HasMetadata> BY_NAMESPACE_AND_NAME =
      Comparator.comparing((HasMetadata o) -> o.getMetadata().getNamespace())
          .thenComparing(o -> o.getMetadata().getName());

  private ResourceNames() {}

  static String of(HasMetadata object) {
    String apiVersion = object.getApiVersion() == null ? "" : object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : "." + apiVersion.substring(0, slash);
    return object.getKind().toLowerCase() + group + "/" + object.getMetadata().getName();
  }
}

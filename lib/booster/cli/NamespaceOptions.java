package booster.cli;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -n}: the namespace of boosters whose manifest names none. */
final class NamespaceOptions {
  static final String DEFAULT = "default";

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      order = HelpOrder.INPUT,
      description = "If present, the namespace scope for this CLI request.")
  private String namespace;

  Optional<String> given() {
    return Optional.ofNullable(namespace);
  }

  /**
   * Gives each booster its namespace: the manifest's, else {@code -n}, else {@code fallback}
   * ({@value #DEFAULT} or a kubeconfig context's namespace). As kubectl does, a manifest namespace
   * that differs from an explicit {@code -n} is a problem (one line each), not a silent choice.
   */
  List<String> assign(List<Manifest> manifests, String fallback) {
    List<String> problems = new ArrayList<>();
    for (Manifest manifest : manifests) {
      ObjectMeta metadata = manifest.booster().getMetadata();
      String own = metadata.getNamespace();
      if (own == null || own.isEmpty()) {
        metadata.setNamespace(given().orElse(fallback));
      } else if (namespace != null && !namespace.equals(own)) {
        problems.add(
            manifest.describe()
                + ": metadata.namespace: \""
                + own
                + "\" does not match -n \""
                + namespace
                + "\"; drop -n or pass -n "
                + own);
      }
    }
    return problems;
  }
}

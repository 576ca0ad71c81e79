package booster.cli;

import picocli.CommandLine.Option;

/**
 * kubectl's {@code -A}: list across all namespaces (commands that take a NAME accept it instead of
 * the name).
 */
final class AllNamespacesOptions {
  @Option(
      names = {"-A", "--all-namespaces"},
      description = "List boosters in all namespaces.")
  boolean allNamespaces;

  boolean allNamespaces() {
    return allNamespaces;
  }
}

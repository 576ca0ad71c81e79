package booster.cli;

import booster.api.InvalidInputException;
import booster.translate.Translator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input steps create and diff share: namespaces, validation of every booster, then translation
 * of each.
 */
final class BoosterInput {
  private BoosterInput() {}

  /**
   * Checks and translates every booster, in input order, before anything is printed or sent;
   * warnings go to {@code err}.
   *
   * @param fallbackNamespace the namespace of boosters that name none when {@code -n} is absent
   * @throws InvalidInputException listing every problem of every input: unreadable files,
   *     namespaces, boosters given twice, validation
   */
  static Map<Manifest, List<GenericKubernetesResource>> translated(
      ManifestInputs inputs,
      String verb,
      NamespaceOptions namespace,
      String fallbackNamespace,
      Translator translate,
      PrintWriter err) {
    List<Manifest> read = inputs.manifests();
    if (read.isEmpty() && inputs.problems().isEmpty()) {
      throw new InvalidInputException(List.of("no objects passed to " + verb));
    }
    List<String> problems = new ArrayList<>(inputs.problems());
    problems.addAll(namespace.assign(read, fallbackNamespace));
    problems.addAll(givenTwice(read));
    BoosterChecks.Findings findings = BoosterChecks.translate(read, translate);
    findings.warnings().forEach(warning -> err.println("Warning: " + warning));
    problems.addAll(findings.errors());
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return findings.children();
  }

  /**
   * Boosters of the same namespace and name: every check passes for each, and the second write
   * would fail after the first was made, so nothing would be all-or-nothing. Each repeat is named
   * with the input that gave it first.
   */
  private static List<String> givenTwice(List<Manifest> read) {
    List<String> problems = new ArrayList<>();
    Map<String, Manifest> first = new HashMap<>();
    for (Manifest manifest : read) {
      String name = manifest.name();
      String ns =
          manifest.booster().getMetadata() == null
              ? null
              : manifest.booster().getMetadata().getNamespace();
      if (name == null || name.isEmpty()) {
        continue;
      }
      Manifest earlier = first.putIfAbsent(ns + "/" + name, manifest);
      if (earlier != null) {
        problems.add(
            manifest.describe()
                + ": also given in "
                + earlier.source()
                + " (namespace \""
                + ns
                + "\"); give each booster once");
      }
    }
    return problems;
  }
}

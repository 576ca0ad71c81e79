package booster.cli;

import booster.translate.Translator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The input steps create and diff share: namespaces, validation of every booster, then translation of each. */
final class BoosterInput {
  private BoosterInput() {
  }

  /**
   * Checks and translates every booster, in input order, before anything is printed or sent; warnings go to
   * {@code err}.
   *
   * @param fallbackNamespace the namespace of boosters that name none when {@code -n} is absent
   * @throws InputProblems listing every problem of every booster
   */
  static Map<Manifest, List<GenericKubernetesResource>> translated(List<Manifest> read, String verb,
      NamespaceOptions namespace, String fallbackNamespace, Translator translate, PrintWriter err) {
    if (read.isEmpty()) {
      throw new InputProblems(List.of("no objects passed to " + verb));
    }
    List<String> problems = new ArrayList<>(namespace.assign(read, fallbackNamespace));
    BoosterChecks.Findings findings = BoosterChecks.of(read);
    findings.warnings().forEach(warning -> err.println("Warning: " + warning));
    problems.addAll(findings.errors());
    if (!problems.isEmpty()) {
      throw new InputProblems(problems);
    }
    Map<Manifest, List<GenericKubernetesResource>> translated = new LinkedHashMap<>();
    for (Manifest manifest : read) {
      try {
        translated.put(manifest, translate.translate(manifest.booster()));
      } catch (RuntimeException e) {
        problems.add(manifest.describe() + ": cannot translate: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InputProblems(problems);
    }
    return translated;
  }
}

package booster.cli;

import booster.api.InvalidInputException;
import booster.translate.Translator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates and translates every booster in one pass (the translator's validation, which knows the
 * Kthena profile) before anything is printed or sent; each line names file, booster and field path.
 */
final class BoosterChecks {
  /**
   * The children of each valid booster in input order, and lines to show: errors stop the command,
   * warnings not.
   */
  record Findings(
      Map<Manifest, List<GenericKubernetesResource>> children,
      List<String> errors,
      List<String> warnings) {}

  private BoosterChecks() {}

  static Findings translate(List<Manifest> manifests, Translator translator) {
    Map<Manifest, List<GenericKubernetesResource>> children = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Manifest manifest : manifests) {
      try {
        children.put(
            manifest,
            translator.translate(
                manifest.booster(), warning -> warnings.add(manifest.describe() + ": " + warning)));
      } catch (InvalidInputException e) {
        e.problems().forEach(problem -> errors.add(manifest.describe() + ": " + problem));
      } catch (RuntimeException e) {
        // A precondition validation missed: still one line naming the booster, never a stack trace.
        errors.add(manifest.describe() + ": cannot translate: " + e.getMessage());
      }
    }
    return new Findings(children, errors, warnings);
  }
}

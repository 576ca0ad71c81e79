package booster.cli;

import booster.api.Problem;
import booster.api.Validation;
import java.util.ArrayList;
import java.util.List;

/** Validates every booster before anything is printed or sent; each line names file, booster and field path. */
public final class BoosterChecks {
  /** Lines to show: errors stop the command, warnings do not. */
  public record Findings(List<String> errors, List<String> warnings) {
  }

  private BoosterChecks() {
  }

  public static Findings of(List<Manifest> manifests) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Manifest manifest : manifests) {
      for (Problem problem : Validation.validate(manifest.booster())) {
        (problem.isError() ? errors : warnings).add(manifest.describe() + ": " + problem);
      }
    }
    return new Findings(errors, warnings);
  }
}

package booster.cli;

import booster.api.Problem;
import booster.api.Validation;
import java.util.ArrayList;
import java.util.List;

/** Validates every booster before anything is printed or sent; each line names file, booster and field path. */
public final class BoosterChecks {
  private BoosterChecks() {
  }

  /**
   * @return the warnings, as lines to show
   * @throws InputProblems with every error of every booster when any has one
   */
  public static List<String> validate(List<Manifest> manifests) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Manifest manifest : manifests) {
      for (Problem problem : Validation.validate(manifest.booster())) {
        (problem.isError() ? errors : warnings).add(manifest.describe() + ": " + problem);
      }
    }
    if (!errors.isEmpty()) {
      throw new InputProblems(errors);
    }
    return warnings;
  }
}

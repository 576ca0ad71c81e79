package booster.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem of a booster at once, each naming its field path. Used by the plugin before anything is sent
 * and by the operator before anything is written. STUB: only the shape rule so far.
 */
public final class Validation {
  private Validation() {
  }

  public static List<Problem> validate(ModelBooster booster) {
    List<Problem> problems = new ArrayList<>();
    ModelBoosterSpec spec = booster.getSpec();
    if (spec == null) {
      problems.add(Problem.error("spec", "Required value"));
      return problems;
    }
    if ((spec.getBackend() == null) == (spec.getBackends() == null)) {
      problems.add(Problem.error("spec", "exactly one of spec.backend or spec.backends must be set"));
    }
    return problems;
  }
}

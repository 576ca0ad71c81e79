package booster.translate;

import booster.api.ModelBooster;
import booster.api.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A booster that failed validation; carries every problem, each naming its field path. */
public final class InvalidBoosterException extends RuntimeException {
  private final transient List<Problem> problems;

  public InvalidBoosterException(ModelBooster booster, List<Problem> problems) {
    super("ModelBooster " + booster.getMetadata().getName() + " is invalid: "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}

package booster.translate;

import booster.api.ModelBooster;
import booster.api.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A booster that failed validation; carries every problem, each naming its field path. */
public final class InvalidBoosterException extends RuntimeException {
  private final transient List<Problem> problems;

  public InvalidBoosterException(ModelBooster booster, List<Problem> problems) {
    super("ModelBooster " + name(booster) + " is invalid: "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** Null-safe: an object built in code may lack metadata, and that is one of its problems. */
  private static String name(ModelBooster booster) {
    return booster == null || booster.getMetadata() == null ? "(unnamed)" : booster.getMetadata().getName();
  }

  public List<Problem> problems() {
    return problems;
  }
}

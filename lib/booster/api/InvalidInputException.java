package booster.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything wrong with an input at once, one line per problem, each naming where it is (file,
 * booster, field path): a manifest that cannot be read, a booster that fails validation, or the
 * plugin's whole input.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidInputException(List<String> problems) {
    this(String.join("\n", problems), problems);
  }

  private InvalidInputException(String message, List<String> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** A booster that failed validation: one problem per error, each naming its field path. */
  public static InvalidInputException invalidBooster(ModelBooster booster, List<Problem> errors) {
    List<String> lines = errors.stream().map(Problem::toString).toList();
    return new InvalidInputException(
        "ModelBooster "
            + name(booster)
            + " is invalid: "
            + lines.stream().collect(Collectors.joining("; ")),
        lines);
  }

  /** Null-safe: an object built in code may lack metadata, and that is one of its problems. */
  private static String name(ModelBooster booster) {
    return booster == null || booster.getMetadata() == null
        ? "(unnamed)"
        : booster.getMetadata().getName();
  }

  public List<String> problems() {
    return problems;
  }
}

package booster.cli;

import java.util.List;

/** Everything wrong with the input, one line per problem naming file and field; nothing was printed or sent. */
public final class InputProblems extends RuntimeException {
  private final List<String> lines;

  public InputProblems(List<String> lines) {
    super(String.join("\n", lines));
    this.lines = List.copyOf(lines);
  }

  public List<String> lines() {
    return lines;
  }
}

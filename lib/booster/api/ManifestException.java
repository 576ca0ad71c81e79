package booster.api;

import java.util.List;

/** A manifest that cannot be read as boosters; each problem line names the source and, when known, the field. */
public final class ManifestException extends RuntimeException {
  private final List<String> problems;

  public ManifestException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

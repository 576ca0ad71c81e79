package booster.api;

/**
 * One validation finding, naming the field path it is about, e.g. {@code
 * spec.backend.workers[1].type: Unsupported value: "x"}. Warnings do not block translation.
 */
public record Problem(Severity severity, String path, String message) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(String path, String message) {
    return new Problem(Severity.ERROR, path, message);
  }

  public static Problem warning(String path, String message) {
    return new Problem(Severity.WARNING, path, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}

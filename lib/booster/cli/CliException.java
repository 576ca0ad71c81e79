package booster.cli;

/** A user-facing failure: its message is printed as one {@code error: ...} line and the command exits non-zero. */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(String message) {
    this(message, 1);
  }

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

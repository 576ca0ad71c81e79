package booster.cli;

/**
 * A user-facing failure: its message is printed as one {@code error: ...} line and the command
 * exits non-zero.
 */
class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(String message) {
    this(message, 1);
  }

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}

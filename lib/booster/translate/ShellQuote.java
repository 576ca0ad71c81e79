package booster.translate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX single-quoting for commands that run inside {@code bash -c} (docs/design.md §2.5): every
 * argument becomes one inert shell word, so JSON keeps its quotes and no config value can inject
 * shell code.
 */
final class ShellQuote {
  private ShellQuote() {}

  /** {@code 'text'}, with each embedded {@code '} written as {@code '\''}. */
  static String quote(String argument) {
    return "'" + argument.replace("'", "'\\''") + "'";
  }

  /** The arguments as one shell command line: each quoted, separated by single spaces. */
  static String join(List<String> arguments) {
    return arguments.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }
}

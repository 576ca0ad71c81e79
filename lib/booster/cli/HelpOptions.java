package booster.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} of a subcommand: {@code --version} belongs to the root command only, as in
 * kubectl.
 */
final class HelpOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;
}

package booster.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -o yaml|json}; a command picks its own default when the flag is absent. */
final class OutputOptions {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      order = HelpOrder.INPUT,
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  private OutputFormat format;

  Optional<OutputFormat> format() {
    return Optional.ofNullable(format);
  }
}

package booster.cli;

import booster.cluster.KthenaVersion;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --kthena-version}, on every command; the flag wins over {@code BOOSTER_KTHENA_VERSION}.
 * Only the commands that render ({@code create}, {@code diff}) use it: {@code status} and {@code
 * tree} show whatever child kinds the cluster serves, so they never need to ask which release it
 * runs.
 */
final class KthenaVersionOptions {
  @Option(
      names = KthenaVersion.FLAG,
      paramLabel = "VERSION",
      completionCandidates = Candidates.class,
      order = HelpOrder.KTHENA_VERSION,
      converter = Checked.class,
      description =
          "Kthena release to render children for: auto, v0.4 or v1.0 (default: $"
              + KthenaVersion.ENV
              + ", else auto: detected from the cluster's AutoscalingPolicy schema; v1.0 offline).")
  private String flag;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  /** The setting; a bad {@value KthenaVersion#ENV} is a usage error (exit 2), like a bad flag. */
  KthenaVersion value(Map<String, String> environment) {
    try {
      return KthenaVersion.of(flag, environment);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Where the setting came from, as a user would write it: {@code --kthena-version=auto}. */
  String source(Map<String, String> environment) {
    KthenaVersion version = value(environment);
    boolean fromEnv =
        flag == null
            && environment.get(KthenaVersion.ENV) != null
            && !environment.get(KthenaVersion.ENV).isBlank();
    return (fromEnv ? KthenaVersion.ENV : KthenaVersion.FLAG) + "=" + version;
  }

  /** Shell completion of the values. */
  static final class Candidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("auto", "v0.4", "v1.0").iterator();
    }
  }

  /** Rejects an unknown value while parsing, so it is a usage error before anything runs. */
  static final class Checked implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        KthenaVersion.parse(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}

package booster.cli;

import booster.api.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Go-style durations as kubectl accepts them: {@code 30s}, {@code 1m30s}, {@code 500ms}; a bare number is seconds. */
final class Durations implements ITypeConverter<Duration> {

  /** picocli's converter for duration options: a bad value is a usage error naming the option. */
  @Override
  public Duration convert(String text) {
    return Duration.ofMillis(parseMillis(text));
  }

  static long parseMillis(String text) {
    String value = text.trim();
    if (value.matches("\\d+")) {
      return Long.parseLong(value) * 1000;
    }
    return GoDuration.parse(value).filter(d -> !d.isNegative()).map(Duration::toMillis)
        .orElseThrow(() -> new TypeConversionException(
            "invalid duration \"" + text + "\" (examples: 30s, 1m30s, 500ms)"));
  }
}

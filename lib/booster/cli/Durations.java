package booster.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Go-style durations as kubectl accepts them: {@code 30s}, {@code 1m30s}, {@code 500ms}; a bare number is seconds. */
final class Durations implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

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
    Matcher m = PART.matcher(value);
    long total = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      total += (long) (amount * switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1000;
        case "m" -> 60_000;
        default -> 3_600_000;
      });
      end = m.end();
    }
    if (end == 0 || end != value.length()) {
      throw new TypeConversionException("invalid duration \"" + text + "\" (examples: 30s, 1m30s, 500ms)");
    }
    return total;
  }
}

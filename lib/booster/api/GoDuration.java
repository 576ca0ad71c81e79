package booster.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses Go duration strings ({@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code -2ms}) as
 * metav1.Duration does: the one parser behind field validation and the duration flags of the plugin
 * and the operator.
 */
public final class GoDuration {
  private static final Pattern WHOLE =
      Pattern.compile("[-+]?((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+");
  private static final Pattern PART =
      Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns",
          1L,
          "us",
          1_000L,
          "µs",
          1_000L,
          "μs",
          1_000L,
          "ms",
          1_000_000L,
          "s",
          1_000_000_000L,
          "m",
          60_000_000_000L,
          "h",
          3_600_000_000_000L);

  private GoDuration() {}

  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.equals("0") || text.equals("+0") || text.equals("-0")) {
      return Optional.of(Duration.ZERO);
    }
    if (!WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.empty();
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return Optional.of(text.startsWith("-") ? d.negated() : d);
  }

  /**
   * picocli's converter for every duration flag of the plugin and the operator: a Go duration, not
   * negative, or a bare number of seconds as kubectl's {@code --request-timeout} takes; a bad value
   * is a usage error naming the flag.
   */
  public static final class Converter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      String value = text.trim();
      return parse(value.matches("\\d+") ? value + "s" : value)
          .filter(d -> !d.isNegative())
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "invalid duration \"" + text + "\" (examples: 30s, 1m30s, 500ms)"));
    }
  }
}

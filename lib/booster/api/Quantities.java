package booster.api;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes resource quantities as the API server parses them (apimachinery {@code
 * ParseQuantity}): a signed decimal number, then a binary suffix (Ki..Ei), a decimal one (n, u, m,
 * k, M..E) or an integral exponent; values above 2^63-1 are not stored faithfully. The value is
 * computed by scaling, never by expanding the exponent, so {@code 1e999999999} costs nothing.
 */
final class Quantities {
  static final String MESSAGE = "must be a quantity such as 2, 500m or 1.5Gi";
  static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantities() {}

  /** The quantity as written (fabric8 splits it into amount and format). */
  static String text(Quantity quantity) {
    return (quantity.getAmount() == null ? "" : quantity.getAmount())
        + (quantity.getFormat() == null ? "" : quantity.getFormat());
  }

  /** The value of a quantity in the Kubernetes grammar, or empty when the text is not one. */
  static Optional<BigDecimal> value(String text) {
    if (!text.matches(Patterns.QUANTITY)) {
      return Optional.empty();
    }
    int end = text.length();
    while (end > 0 && !Character.isDigit(text.charAt(end - 1)) && text.charAt(end - 1) != '.') {
      end--;
    }
    int exponentAt = Math.max(text.lastIndexOf('e', end - 1), text.lastIndexOf('E', end - 1));
    try {
      if (exponentAt > 0) {
        int exponent = Integer.parseInt(text.substring(exponentAt + 1).replace("+", ""));
        return Optional.of(
            new BigDecimal(text.substring(0, exponentAt)).scaleByPowerOfTen(exponent));
      }
      return Optional.of(
          new BigDecimal(text.substring(0, end)).multiply(SUFFIXES.get(text.substring(end))));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks one quantity; records a field error naming {@code path} when it is absent, not a
   * quantity, negative (unless {@code signed}) or too large.
   *
   * @return the value when the quantity is valid
   */
  static Optional<BigDecimal> check(
      Quantity quantity, FieldPath path, boolean signed, FieldErrors errors) {
    if (quantity == null) {
      errors.required(path, "a quantity such as 2, 500m or 1.5Gi");
      return Optional.empty();
    }
    String text = text(quantity);
    Optional<BigDecimal> value = value(text);
    if (value.isEmpty()) {
      errors.invalid(path, text, MESSAGE);
    } else if (!signed && value.get().signum() < 0) {
      errors.invalid(path, text, "must be greater than or equal to 0");
      return Optional.empty();
    } else if (value.get().abs().compareTo(MAX) > 0) {
      errors.invalid(
          path, text, "must be no more than " + MAX + " (the largest quantity Kubernetes stores)");
      return Optional.empty();
    }
    return value;
  }
}

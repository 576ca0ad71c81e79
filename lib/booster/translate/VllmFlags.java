package booster.translate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A worker's {@code config} object rendered as vLLM command-line flags (docs/design.md §2.4): keys
 * in code-point order (upstream's byte-wise order), {@code _} becomes {@code -}; {@code ""} and
 * {@code true} give a bare flag, {@code false} gives {@code --no-<flag>}; numbers never use
 * exponents for integral values; arrays give one argument per element; objects give one argument of
 * compact JSON; {@code null} is an error naming the key.
 */
final class VllmFlags {
  private static final Comparator<String> CODE_POINT_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private VllmFlags() {}

  /**
   * @param config the worker's config; absent or JSON null means no flags
   * @param path the config's field path, e.g. {@code spec.backend.workers[0].config}, for error
   *     messages
   */
  static List<String> render(JsonNode config, String path) {
    List<String> args = new ArrayList<>();
    if (config == null || config.isNull() || config.isMissingNode()) {
      return args;
    }
    if (!config.isObject()) {
      throw new IllegalArgumentException(
          path + ": must be an object of vLLM flags, got " + config.getNodeType());
    }
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(config.properties());
    entries.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
    for (Map.Entry<String, JsonNode> entry : entries) {
      addFlag(args, entry.getKey(), entry.getValue(), path + "." + entry.getKey());
    }
    return args;
  }

  private static void addFlag(List<String> args, String key, JsonNode value, String path) {
    String flag = key.replace('_', '-');
    if (value.isNull()) {
      throw new IllegalArgumentException(
          path + ": null is not a flag value (use \"\" or true for a bare flag)");
    }
    if (value.isBoolean()) {
      args.add(value.booleanValue() ? "--" + flag : "--no-" + flag);
    } else if (value.isString() && value.asString().isEmpty()) {
      args.add("--" + flag);
    } else if (value.isArray()) {
      args.add("--" + flag);
      int i = 0;
      for (JsonNode element : value) {
        args.add(argument(element, path + "[" + i++ + "]"));
      }
    } else {
      args.add("--" + flag);
      args.add(argument(value, path));
    }
  }

  /**
   * One argv element: strings verbatim, numbers and booleans as text, arrays and objects as compact
   * JSON.
   */
  private static String argument(JsonNode value, String path) {
    if (value.isNull()) {
      throw new IllegalArgumentException(path + ": null is not a flag value");
    }
    if (value.isString()) {
      return value.asString();
    }
    if (value.isNumber()) {
      return number(value);
    }
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    return value.toString();
  }

  static String number(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    BigDecimal exact = value.isBigDecimal() ? value.decimalValue() : shortest(value.doubleValue());
    BigDecimal stripped = exact.stripTrailingZeros();
    return stripped.scale() <= 0
        ? stripped.toBigIntegerExact().toString()
        : stripped.toPlainString();
  }

  /** The fewest significant digits that still read back as the same double. */
  private static BigDecimal shortest(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a finite number: " + d);
    }
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits));
      if (rounded.doubleValue() == d) {
        return rounded;
      }
    }
    return exact.round(new MathContext(17));
  }
}

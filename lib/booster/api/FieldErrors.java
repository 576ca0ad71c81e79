package booster.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects problems with messages in the Kubernetes apimachinery field-error style ({@code Invalid
 * value: 3: ...}, {@code Required value: ...}, {@code Unsupported value: "x": supported values:
 * ...}).
 */
final class FieldErrors {
  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  void invalid(FieldPath path, Object value, String detail) {
    problems.add(Problem.error(path.text(), "Invalid value: " + show(value) + ": " + detail));
  }

  void required(FieldPath path, String detail) {
    problems.add(
        Problem.error(
            path.text(), detail.isEmpty() ? "Required value" : "Required value: " + detail));
  }

  void forbidden(FieldPath path, String detail) {
    problems.add(Problem.error(path.text(), "Forbidden: " + detail));
  }

  void unsupported(FieldPath path, Object value, Collection<String> supported) {
    String list = supported.stream().map(FieldErrors::quote).collect(Collectors.joining(", "));
    problems.add(
        Problem.error(
            path.text(), "Unsupported value: " + show(value) + ": supported values: " + list));
  }

  void duplicate(FieldPath path, Object value) {
    problems.add(Problem.error(path.text(), "Duplicate value: " + show(value)));
  }

  void tooMany(FieldPath path, int actual, int max, String why) {
    problems.add(
        Problem.error(
            path.text(), "Too many: " + actual + ": must have at most " + max + " items" + why));
  }

  void warning(FieldPath path, Object value, String detail) {
    problems.add(Problem.warning(path.text(), "Invalid value: " + show(value) + ": " + detail));
  }

  /** A warning about the field as a whole rather than one value of it. */
  void warning(FieldPath path, String detail) {
    problems.add(Problem.warning(path.text(), detail));
  }

  /** Enforces the CRD's minimum/maximum on an optional integer. */
  void range(FieldPath path, Integer value, long min, long max) {
    if (value == null) {
      return;
    }
    if (value < min) {
      invalid(path, value, "must be greater than or equal to " + min);
    } else if (value > max) {
      invalid(path, value, "must be less than or equal to " + max);
    }
  }

  /**
   * Enforces a CRD pattern on an optional string; {@code what} tells the user what the pattern
   * means.
   */
  void pattern(FieldPath path, String value, String regex, String what) {
    if (value != null && !value.matches(regex)) {
      invalid(path, value, what + " (regex used for validation is '" + regex + "')");
    }
  }

  static String show(Object value) {
    return value instanceof String s ? quote(s) : String.valueOf(value);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}

package booster.api;

import java.util.Optional;
import java.util.Set;

/** Go's {@code strconv.ParseBool}, which upstream uses for boolean environment switches. */
final class GoBool {
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private GoBool() {}

  /**
   * The value, or empty when Go would fail to parse it (then upstream falls back to its default).
   */
  static Optional<Boolean> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (TRUE.contains(text)) {
      return Optional.of(true);
    }
    return FALSE.contains(text) ? Optional.of(false) : Optional.empty();
  }
}

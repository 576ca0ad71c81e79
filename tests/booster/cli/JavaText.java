package booster.cli;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Java leaking into what users read: stack frames, exception and Jackson node class names,
 * qualified class names, helpful-NullPointerException wording, Java types in backticks, method
 * calls and identity hash codes. Kubernetes words that look alike ({@code InternalError}, the HTTP
 * reason) are not Java.
 */
public final class JavaText {
  private static final List<Pattern> JAVA =
      List.of(
          Pattern.compile("(?m)^\\s*at [\\w$.]+\\("),
          Pattern.compile("\\b(?!InternalError\\b)[A-Z]\\w*(Exception|Error|Throwable)\\b"),
          Pattern.compile("\\b[A-Z]\\w*Node\\b"),
          Pattern.compile(
              "\\b(java|javax|jdk|sun|tools\\.jackson|com\\.fasterxml|io\\.fabric8|io\\.vertx|org\\.yaml"
                  + "|org\\.snakeyaml|picocli|booster\\.(api|cli|cluster|operator|translate))\\.\\w+"),
          Pattern.compile("Cannot invoke \"|because \"[\\w.]+\" is null|Cannot (de)?serialize"),
          Pattern.compile("`(int|long|double|boolean|short|byte|[\\w$]+\\.[\\w.$]+)`"),
          Pattern.compile("\\b[a-z]+[A-Z]\\w*\\(\\)"),
          Pattern.compile("\\w@[0-9a-f]{6,}\\b"),
          Pattern.compile("StreamReadConstraints|DeserializationFeature|MapperFeature"));

  private JavaText() {}

  /** The first Java-looking fragment of the text, if any. */
  public static Optional<String> find(String text) {
    for (Pattern pattern : JAVA) {
      Matcher m = pattern.matcher(text);
      if (m.find()) {
        int from = Math.max(0, m.start() - 60);
        int to = Math.min(text.length(), m.end() + 60);
        return Optional.of("'" + m.group() + "' in ..." + text.substring(from, to) + "...");
      }
    }
    return Optional.empty();
  }
}

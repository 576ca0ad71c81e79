package booster.cli;

import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * When a string must be quoted in {@code -o yaml} output: Jackson's own rule (reserved words,
 * numbers, special characters), plus every plain scalar that a YAML 1.1 reader (PyYAML, SnakeYAML
 * 1.x, many CI tools) or a YAML 1.2 core-schema reader would resolve to another type: {@code 0x1F},
 * {@code 0o17}, {@code 1_000}, {@code 12:30:00}, {@code 2001-12-14}, {@code .NaN}, {@code =},
 * {@code <<}. Written from the YAML 1.1 type repository (yaml.org/type) and the YAML 1.2 core
 * schema; a generous superset is fine, a miss is a misread value.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  static final YamlQuoting INSTANCE = new YamlQuoting();

  private static final Pattern OTHER_TYPE =
      Pattern.compile(
          String.join(
              "|",
              // bool (1.1 and 1.2) and null
              "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
              "~|null|Null|NULL",
              // int: binary, octal (1.1 leading 0, 1.2 0o), hex, base 60 (decimal is in the float
              // rule); 1.1 allows _
              "[-+]?0b[0-1_]+",
              "[-+]?0o?[0-7_]+",
              "[-+]?0x[0-9a-fA-F_]+",
              "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
              // float: with or without a dot or exponent (SnakeYAML also reads "1e3" and "-_"),
              // base 60, infinity, NaN
              "[-+]?(\\.[0-9_]+|[0-9_]+(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?",
              "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*",
              "[-+]?\\.(inf|Inf|INF)",
              "\\.(nan|NaN|NAN)",
              // timestamp: a date, or a date and time with optional fraction and zone
              "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
              "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
                  + "([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?",
              // merge key and value indicator
              "<<|="));

  private YamlQuoting() {}

  /**
   * True when the string, written plain, would be read back as something other than this string.
   */
  static boolean readsAsAnotherType(String value) {
    return value.isEmpty() || OTHER_TYPE.matcher(value).matches();
  }

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || readsAsAnotherType(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || readsAsAnotherType(value);
  }
}

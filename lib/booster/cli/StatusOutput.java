package booster.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code status -o}: {@code yaml} and {@code json} print the status document, {@code name} and
 * {@code wide} the list's forms, {@code jsonpath=TEMPLATE} applies kubectl's template to what
 * {@code -o json} prints.
 *
 * @param template the parsed template of {@code jsonpath=}, else null
 */
record StatusOutput(Kind kind, JsonPath template) {
  enum Kind {
    yaml,
    json,
    name,
    wide,
    jsonpath
  }

  static final String CHOICES = "yaml, json, name, wide, jsonpath=TEMPLATE";

  /**
   * Prints the document (or list) of {@code -o json} in some form; {@code name} and {@code wide}
   * are table forms.
   */
  boolean isDocument() {
    return kind == Kind.yaml || kind == Kind.json || kind == Kind.jsonpath;
  }

  /** Rejects a bad value while parsing, so it is a usage error (exit 2) naming the choices. */
  static final class Converter implements ITypeConverter<StatusOutput> {
    @Override
    public StatusOutput convert(String value) {
      if (value.startsWith("jsonpath=")) {
        try {
          return new StatusOutput(
              Kind.jsonpath, JsonPath.parse(value.substring("jsonpath=".length())));
        } catch (IllegalArgumentException e) {
          throw new TypeConversionException(
              "error parsing jsonpath "
                  + value.substring("jsonpath=".length())
                  + ": "
                  + e.getMessage());
        }
      }
      for (Kind kind : Kind.values()) {
        if (kind != Kind.jsonpath && kind.name().equals(value)) {
          return new StatusOutput(kind, null);
        }
      }
      throw new TypeConversionException(
          "unable to match a printer suitable for the output format \""
              + value
              + "\", allowed formats are: "
              + CHOICES);
    }
  }
}

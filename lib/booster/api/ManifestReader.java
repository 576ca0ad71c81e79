package booster.api;

import java.io.InputStream;
import java.util.List;

/**
 * Reads ModelBooster manifests (YAML or JSON, several documents per file). STUB: filled in by the API work.
 * Errors are reported as {@link ManifestException} with one line per problem: {@code <source>: <field path>: <message>}.
 */
public final class ManifestReader {
  private ManifestReader() {
  }

  /** @param source the file name shown in messages ({@code -} for stdin) */
  public static List<ModelBooster> read(String source, InputStream in) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

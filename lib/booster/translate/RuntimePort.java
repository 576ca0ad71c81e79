package booster.translate;

import booster.api.ModelBackend;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.OptionalInt;

/**
 * The runtime sidecar's port, as upstream reads it: the backend's first {@code RUNTIME_PORT} entry,
 * read as a literal integer; 8100 when absent, given by {@code valueFrom}, or not a number.
 */
final class RuntimePort {
  static final int DEFAULT = 8100;
  static final String ENV = "RUNTIME_PORT";

  private RuntimePort() {}

  static int of(ModelBackend backend) {
    return override(backend).orElse(DEFAULT);
  }

  /** The port the backend sets explicitly, if it does. */
  static OptionalInt override(ModelBackend backend) {
    String value = backend.findEnv(ENV).map(EnvVar::getValue).orElse(null);
    if (value == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}

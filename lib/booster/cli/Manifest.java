package booster.cli;

import booster.api.ModelBooster;

/**
 * A booster and the file (or {@code -} for stdin) it was read from, so every message can name it.
 */
record Manifest(String source, ModelBooster booster) {
  String name() {
    return booster.getMetadata() == null ? null : booster.getMetadata().getName();
  }

  /**
   * The prefix of a message about this booster: {@code <file>: ModelBooster "<name>"}, without a
   * name if none.
   */
  String describe() {
    String name = name();
    return source
        + ": "
        + ModelBooster.KIND
        + (name == null || name.isEmpty() ? "" : " \"" + name + "\"");
  }
}

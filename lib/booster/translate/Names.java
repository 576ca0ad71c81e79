package booster.translate;

/**
 * Child names: {@code <booster>-<backend>}, or just the booster name when there is no backend part.
 */
final class Names {
  private Names() {}

  static String child(String boosterName, String backendName) {
    if (backendName == null || backendName.isEmpty()) {
      return boosterName;
    }
    return boosterName + "-" + backendName;
  }
}

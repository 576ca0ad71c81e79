package booster.cli;

import java.util.Collection;
import java.util.List;

/** cobra's "Did you mean this?": names within two edits of the typed word, or starting with it. */
final class Suggestions {
  private static final int DISTANCE = 2;

  private Suggestions() {}

  static List<String> of(String typed, Collection<String> names) {
    String word = typed.toLowerCase(java.util.Locale.ROOT);
    return names.stream().filter(n -> distance(word, n) <= DISTANCE || n.startsWith(word)).toList();
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

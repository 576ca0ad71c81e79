package booster.api;

/**
 * What a {@code cacheURI} names (upstream's v0.4.0 normalisation): the text after the first {@code ://} (up to a
 * second one), stripped of surrounding slashes; a {@code pvc://} claim is everything after the scheme, stripped the
 * same way (upstream's v1.0.0 fix: no leading slash). Validation and the translator's cache volume read it alike.
 */
public final class CacheUris {
  public static final String PVC = "pvc://";
  public static final String HOST_PATH = "hostpath://";
  private static final String SEPARATOR = "://";

  private CacheUris() {
  }

  /** The cache directory: {@code /} plus the location; empty when there is no {@code ://}. */
  public static String path(String uri) {
    if (uri == null || !uri.contains(SEPARATOR)) {
      return "";
    }
    return "/" + trimSlashes(uri.split(SEPARATOR, -1)[1]);
  }

  /** The claim name of a {@code pvc://} URI. */
  public static String claimName(String uri) {
    return trimSlashes(uri.substring(PVC.length()));
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}

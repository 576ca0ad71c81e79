package booster.api;

import java.util.List;
import java.util.Optional;

/**
 * What a {@code cacheURI} names (upstream's v0.4.0 normalisation): the text after the first {@code
 * ://} (up to a second one), stripped of surrounding slashes; a {@code pvc://} claim is everything
 * after the scheme, stripped the same way (upstream's v1.0.0 fix: no leading slash). Validation and
 * the translator's cache volume read it alike.
 */
public final class CacheUris {
  public static final String PVC = "pvc://";
  static final String HOST_PATH = "hostpath://";
  static final String UNSUPPORTED_SCHEME =
      "unsupported scheme: must start with hostpath:// or pvc://";
  private static final String SEPARATOR = "://";

  private CacheUris() {}

  /**
   * The cacheURI rule, which validation reports and the translator's cache volume enforces: empty
   * when the URI names a usable volume, otherwise why not (a PVC claim name, a host directory that
   * is there and stays inside).
   */
  public static Optional<String> problem(String uri) {
    if (uri == null || !uri.matches(Patterns.CACHE_URI)) {
      return Optional.of(UNSUPPORTED_SCHEME);
    }
    if (uri.startsWith(PVC)) {
      String claim = claimName(uri);
      if (!claim.matches(Patterns.DNS_SUBDOMAIN) || claim.length() > Patterns.MAX_DNS_SUBDOMAIN) {
        return Optional.of(
            "pvc:// must be followed by the name of a PersistentVolumeClaim (a lowercase RFC 1123 "
                + "subdomain), which is also mounted as /<name>");
      }
    } else if (path(uri).equals("/")) {
      return Optional.of(
          "names no cache location: hostpath:// must be followed by a host directory");
    } else if (List.of(path(uri).split("/")).contains("..")) {
      return Optional.of("must not contain '..'");
    }
    return Optional.empty();
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

package booster.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.modelMatch}: every StringMatch sets exactly one of exact, prefix, regex (documented
 * upstream, unenforced).
 */
final class MatchRules {
  private MatchRules() {}

  static void modelMatch(ModelMatch match, FieldPath path, FieldErrors errors) {
    if (match == null) {
      return;
    }
    if (match.getHeaders() != null) {
      for (Map.Entry<String, StringMatch> header : match.getHeaders().entrySet()) {
        stringMatch(header.getValue(), path.child("headers").key(header.getKey()), errors);
      }
    }
    if (match.getUri() != null) {
      stringMatch(match.getUri(), path.child("uri"), errors);
    }
  }

  private static void stringMatch(StringMatch match, FieldPath path, FieldErrors errors) {
    List<String> set = new ArrayList<>();
    if (match != null && match.getExact() != null) {
      set.add("exact");
    }
    if (match != null && match.getPrefix() != null) {
      set.add("prefix");
    }
    if (match != null && match.getRegex() != null) {
      set.add("regex");
    }
    if (set.isEmpty()) {
      errors.required(path, "exactly one of exact, prefix or regex must be set");
    } else if (set.size() > 1) {
      errors.forbidden(
          path,
          "exactly one of exact, prefix or regex may be set, found " + String.join(", ", set));
    }
  }
}

package booster.api;

import java.util.List;

/**
 * One ModelRoute a booster asks for, whichever field it comes from: the main route ({@code name}
 * empty, model name {@code metadata.name}, fields at {@code spec}) or an entry of {@code
 * spec.routes[]} (fields at {@code spec.routes[i]}). Validation and the translator read routes only
 * through this view.
 */
public record BoosterRoute(
    String name,
    String modelName,
    ModelMatch modelMatch,
    RateLimit rateLimit,
    List<ParentReference> parentRefs,
    FieldPath path) {

  static final String MAIN_PATH = "spec";

  /** True for the booster's main route, named after the booster. */
  boolean isMainRoute() {
    return MAIN_PATH.equals(path.text());
  }
}

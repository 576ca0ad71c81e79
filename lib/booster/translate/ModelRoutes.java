package booster.translate;

import booster.api.BoosterRoute;
import booster.api.LoraAdapter;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.ModelMatch;
import booster.api.RateLimit;
import booster.api.RateLimitUnit;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The booster's ModelRoutes (upstream's convert/model_route.go; extra routes: docs/routes.md): the
 * main one, named after the booster, where clients address the model by the booster name, and one
 * {@code <booster>-<route>} per {@code spec.routes[]} entry, addressed by its {@code modelName}.
 * Every route has the same targets, weights and LoRA adapters (by adapter name, in the legacy
 * shape), built by the same code; only its model name, match, token budget and gateways are its
 * own.
 */
final class ModelRoutes {
  static final String DEFAULT_RULE = "default";

  /**
   * Legacy {@code routeWeight} default, applied here instead of in the stored booster
   * (docs/design.md §2.1).
   */
  static final int DEFAULT_WEIGHT = 100;

  private ModelRoutes() {}

  /** The main route, then each extra route in spec order. */
  static List<GenericKubernetesResource> build(ModelBooster booster) {
    String boosterName = booster.getMetadata().getName();
    List<GenericKubernetesResource> routes = new ArrayList<>();
    for (BoosterRoute route : booster.getSpec().allRoutes(boosterName)) {
      Map<String, Object> spec =
          booster.getSpec().legacyShape()
              ? legacySpec(booster, route)
              : currentSpec(booster, route);
      routes.add(
          Revision.stamp(
              Labels.base(booster, ""),
              labels ->
                  Children.of(
                      ChildKind.MODEL_ROUTE,
                      booster,
                      Names.child(boosterName, route.name()),
                      labels,
                      spec)));
    }
    return routes;
  }

  /** v0.2.0+: one rule to the single backend; no weight (the CRD default applies). */
  private static Map<String, Object> currentSpec(ModelBooster booster, BoosterRoute route) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put(
        "modelServerName",
        Names.child(booster.getMetadata().getName(), booster.getSpec().getBackend().getName()));
    return spec(
        route,
        List.of(),
        List.of(rule(DEFAULT_RULE, matchTree(route.modelMatch()), List.of(target))));
  }

  /**
   * v0.1.0: weighted targets, the sorted adapter list, and with several backends a rule per adapter
   * that sends it to the backends serving it (each rule matching on the request body's model).
   */
  private static Map<String, Object> legacySpec(ModelBooster booster, BoosterRoute route) {
    String name = booster.getMetadata().getName();
    List<ModelBackend> backends = booster.getSpec().allBackends();
    List<Map<String, Object>> targets = new ArrayList<>();
    TreeSet<String> adapters = new TreeSet<>();
    for (ModelBackend backend : backends) {
      targets.add(weightedTarget(name, backend));
      adapters.addAll(adapterNames(backend));
    }
    ModelMatch match = route.modelMatch();
    List<Map<String, Object>> rules = new ArrayList<>();
    if (backends.size() == 1) {
      rules.add(rule(DEFAULT_RULE, matchTree(match), targets));
    } else {
      rules.add(rule(DEFAULT_RULE, matchOnModel(match, route.modelName()), targets));
      for (String adapter : adapters) {
        List<Map<String, Object>> serving = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
          if (adapterNames(backends.get(i)).contains(adapter)) {
            serving.add(targets.get(i));
          }
        }
        rules.add(rule(adapter, matchOnModel(match, adapter), serving));
      }
    }
    return spec(route, List.copyOf(adapters), rules);
  }

  /** Fields in the order of upstream's ModelRouteSpec. */
  private static Map<String, Object> spec(
      BoosterRoute route, List<String> loraAdapters, List<Map<String, Object>> rules) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("modelName", route.modelName());
    if (!loraAdapters.isEmpty()) {
      spec.put("loraAdapters", loraAdapters);
    }
    if (route.parentRefs() != null && !route.parentRefs().isEmpty()) {
      spec.put("parentRefs", Children.toTreeList(route.parentRefs()));
    }
    spec.put("rules", rules);
    if (route.rateLimit() != null) {
      spec.put("rateLimit", rateLimit(route.rateLimit()));
    }
    return spec;
  }

  /**
   * The budget as given, with the unit written out: the ModelRoute CRD requires it and defaults it
   * to second, so the child says what the router applies.
   */
  private static Map<String, Object> rateLimit(RateLimit limit) {
    Map<String, Object> tree = Children.toTree(limit);
    tree.putIfAbsent("unit", RateLimitUnit.SECOND.value());
    return tree;
  }

  private static Map<String, Object> rule(
      String name, Map<String, Object> modelMatch, List<Map<String, Object>> targets) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("name", name);
    if (modelMatch != null) {
      rule.put("modelMatch", modelMatch);
    }
    rule.put("targetModels", targets);
    return rule;
  }

  private static Map<String, Object> weightedTarget(String boosterName, ModelBackend backend) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("modelServerName", Names.child(boosterName, backend.getName()));
    target.put(
        "weight", backend.getRouteWeight() == null ? DEFAULT_WEIGHT : backend.getRouteWeight());
    return target;
  }

  private static TreeSet<String> adapterNames(ModelBackend backend) {
    TreeSet<String> names = new TreeSet<>();
    if (backend.getLoraAdapters() != null) {
      backend.getLoraAdapters().stream().map(LoraAdapter::getName).forEach(names::add);
    }
    return names;
  }

  /** The user's match as a fresh tree (null when absent). */
  private static Map<String, Object> matchTree(ModelMatch match) {
    return match == null ? null : Children.toTree(match);
  }

  /**
   * A copy of the user's match (or an empty one) whose {@code body.model} is the given name,
   * overriding theirs.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> matchOnModel(ModelMatch match, String model) {
    Map<String, Object> tree = match == null ? new LinkedHashMap<>() : matchTree(match);
    Map<String, Object> body =
        (Map<String, Object>) tree.computeIfAbsent("body", k -> new LinkedHashMap<>());
    body.put("model", model);
    return tree;
  }
}

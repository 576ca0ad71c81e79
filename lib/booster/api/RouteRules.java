package booster.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The booster's ModelRoutes: {@code spec.routes[]} entries (names, child names, model names), each
 * route's {@code rateLimit} and {@code parentRefs} (the ModelRoute CRD's bounds), and what the
 * Kthena router makes of several routes: it keeps one token budget per requested model name,
 * whichever route set it last, and drops it when any route of that name is deleted, so a budget
 * needs a model name no other route of the booster answers.
 */
final class RouteRules {
  private static final String ONE_BUDGET_PER_NAME =
      "the Kthena router keeps one token budget per model name, so "
          + "a route with a rateLimit must be the only route of this booster with its model name";

  private RouteRules() {}

  static void routes(String boosterName, ModelBoosterSpec spec, FieldErrors errors) {
    entries(boosterName, spec, errors);
    List<BoosterRoute> routes = spec.allRoutes(boosterName);
    for (BoosterRoute route : routes) {
      rateLimit(route.rateLimit(), route.path().child("rateLimit"), errors);
      parentRefs(route.parentRefs(), route.path().child("parentRefs"), errors);
      if (!route.isMainRoute()) {
        MatchRules.modelMatch(route.modelMatch(), route.path().child("modelMatch"), errors);
      }
    }
    budgetsPerModelName(routes, errors);
    oneRedis(routes, errors);
  }

  /** The {@code spec.routes[]} list: count, names, child names, duplicates, model names. */
  private static void entries(String boosterName, ModelBoosterSpec spec, FieldErrors errors) {
    List<RouteSpec> routes = spec.getRoutes();
    if (routes == null) {
      return;
    }
    FieldPath listPath = FieldPath.of("spec.routes");
    if (routes.size() > ModelBoosterSpec.MAX_ROUTES) {
      errors.tooMany(listPath, routes.size(), ModelBoosterSpec.MAX_ROUTES, "");
    }
    Set<String> names = new HashSet<>();
    Set<String> loras = loraNames(spec);
    for (int i = 0; i < routes.size(); i++) {
      RouteSpec route = routes.get(i);
      FieldPath path = listPath.index(i);
      if (route == null) {
        errors.required(path, "");
        continue;
      }
      String name = route.getName();
      if (name == null || name.isEmpty()) {
        errors.required(
            path.child("name"),
            "the route is named <metadata.name>-<name>; without a name it would "
                + "take the main route's name");
      } else if (name.length() > Patterns.MAX_LABEL_VALUE) {
        errors.invalid(path.child("name"), name, "must be no more than 63 characters");
      } else if (!name.matches(Patterns.DNS_LABEL)) {
        errors.pattern(
            path.child("name"), name, Patterns.DNS_LABEL, "must be a lowercase RFC 1123 label");
      } else if (!names.add(name)) {
        errors.duplicate(path.child("name"), name);
      } else {
        NameRules.route(boosterName, name, path.child("name"), errors);
      }
      modelName(route.getModelName(), loras, path.child("modelName"), errors);
    }
  }

  private static void modelName(
      String modelName, Set<String> loras, FieldPath path, FieldErrors errors) {
    if (modelName == null) {
      return;
    }
    if (modelName.isEmpty()) {
      errors.invalid(path, modelName, "must not be empty; leave it out to use metadata.name");
    } else if (modelName.length() > Patterns.MAX_DNS_SUBDOMAIN) {
      errors.invalid(path, modelName, "must be no more than 253 characters");
    } else if (loras.contains(modelName)) {
      errors.invalid(
          path,
          modelName,
          "a LoRA adapter of this booster has that name; the router would send the "
              + "adapter's requests to the base model");
    }
  }

  private static Set<String> loraNames(ModelBoosterSpec spec) {
    Set<String> names = new HashSet<>();
    for (ModelBackend backend : spec.allBackends()) {
      if (backend != null && backend.getLoraAdapters() != null) {
        backend.getLoraAdapters().stream()
            .filter(a -> a != null && a.getName() != null)
            .forEach(a -> names.add(a.getName()));
      }
    }
    return names;
  }

  /**
   * The ModelRoute CRD's rules: counts from 1, a known unit (bound when read), a {@code host:port}
   * address.
   */
  static void rateLimit(RateLimit limit, FieldPath path, FieldErrors errors) {
    if (limit == null) {
      return;
    }
    errors.range(
        path.child("inputTokensPerUnit"), limit.getInputTokensPerUnit(), 1, Integer.MAX_VALUE);
    errors.range(
        path.child("outputTokensPerUnit"), limit.getOutputTokensPerUnit(), 1, Integer.MAX_VALUE);
    if (limit.getInputTokensPerUnit() == null && limit.getOutputTokensPerUnit() == null) {
      errors.warning(
          path, "sets neither inputTokensPerUnit nor outputTokensPerUnit, so it limits nothing");
    }
    RedisConfig redis = limit.getGlobal() == null ? null : limit.getGlobal().getRedis();
    if (redis != null) {
      FieldPath address = path.child("global").child("redis").child("address");
      if (redis.getAddress() == null || redis.getAddress().isEmpty()) {
        errors.required(address, "");
      } else {
        errors.pattern(
            address,
            redis.getAddress(),
            Patterns.HOST_PORT,
            "must be host:port (a DNS name, an IPv4 address or a bracketed IPv6 address, and a port 1-65535)");
      }
    }
  }

  /** The Gateway API ParentReference bounds the ModelRoute CRD carries. */
  static void parentRefs(List<ParentReference> refs, FieldPath path, FieldErrors errors) {
    if (refs == null) {
      return;
    }
    for (int i = 0; i < refs.size(); i++) {
      ParentReference ref = refs.get(i);
      FieldPath p = path.index(i);
      if (ref == null) {
        errors.required(p, "");
        continue;
      }
      if (ref.getName() == null || ref.getName().isEmpty()) {
        errors.required(p.child("name"), "the name of the Gateway");
      } else {
        length(p.child("name"), ref.getName(), Patterns.MAX_DNS_SUBDOMAIN, errors);
      }
      if (ref.getGroup() != null
          && !length(p.child("group"), ref.getGroup(), Patterns.MAX_DNS_SUBDOMAIN, errors)) {
        errors.pattern(
            p.child("group"),
            ref.getGroup(),
            Patterns.GROUP,
            "must be empty (the core group) or a " + "lowercase RFC 1123 subdomain");
      }
      if (nonEmpty(p.child("kind"), ref.getKind(), errors)
          && !length(p.child("kind"), ref.getKind(), Patterns.MAX_LABEL_VALUE, errors)) {
        errors.pattern(
            p.child("kind"), ref.getKind(), Patterns.KIND, "must be a kind such as Gateway");
      }
      if (nonEmpty(p.child("namespace"), ref.getNamespace(), errors)
          && !length(p.child("namespace"), ref.getNamespace(), Patterns.MAX_LABEL_VALUE, errors)) {
        errors.pattern(
            p.child("namespace"),
            ref.getNamespace(),
            Patterns.DNS_LABEL,
            "must be a lowercase RFC 1123 label");
      }
      if (nonEmpty(p.child("sectionName"), ref.getSectionName(), errors)
          && !length(
              p.child("sectionName"), ref.getSectionName(), Patterns.MAX_DNS_SUBDOMAIN, errors)) {
        errors.pattern(
            p.child("sectionName"),
            ref.getSectionName(),
            Patterns.DNS_SUBDOMAIN,
            "must be a lowercase RFC 1123 subdomain (a listener name)");
      }
      errors.range(p.child("port"), ref.getPort(), 1, 65535);
    }
  }

  /** False, after reporting it, when the value is present but empty. */
  private static boolean nonEmpty(FieldPath path, String value, FieldErrors errors) {
    if (value != null && value.isEmpty()) {
      errors.invalid(path, value, "must not be empty; leave it out for the default");
      return false;
    }
    return value != null;
  }

  /** True, after reporting it, when the value is longer than {@code max}. */
  private static boolean length(FieldPath path, String value, int max, FieldErrors errors) {
    if (value.length() > max) {
      errors.invalid(path, value, "must be no more than " + max + " characters");
      return true;
    }
    return false;
  }

  /** A route with a token budget must be the only route of the booster answering its model name. */
  private static void budgetsPerModelName(List<BoosterRoute> routes, FieldErrors errors) {
    Map<String, List<BoosterRoute>> byName = new LinkedHashMap<>();
    routes.stream()
        .filter(r -> r.modelName() != null)
        .forEach(r -> byName.computeIfAbsent(r.modelName(), k -> new ArrayList<>()).add(r));
    for (BoosterRoute route : routes) {
      List<BoosterRoute> same = byName.getOrDefault(route.modelName(), List.of());
      if (route.rateLimit() == null || same.size() < 2) {
        continue;
      }
      List<String> others =
          same.stream()
              .filter(r -> r != route)
              .map(r -> r.isMainRoute() ? "the main route" : r.path().text())
              .toList();
      errors.forbidden(
          route.path().child("rateLimit"),
          ONE_BUDGET_PER_NAME
              + "; \""
              + route.modelName()
              + "\" is also the model name of "
              + String.join(" and ", others)
              + ": "
              + (route.isMainRoute()
                  ? "give " + (others.size() > 1 ? "those routes" : "that route") + " a modelName"
                  : "give this route a modelName of its own"));
    }
  }

  /**
   * The Kthena router connects to one Redis, the first address it reads; a second one is never
   * used.
   */
  private static void oneRedis(List<BoosterRoute> routes, FieldErrors errors) {
    Set<String> addresses = new LinkedHashSet<>();
    for (BoosterRoute route : routes) {
      RateLimit limit = route.rateLimit();
      String address =
          limit == null || limit.getGlobal() == null || limit.getGlobal().getRedis() == null
              ? null
              : limit.getGlobal().getRedis().getAddress();
      if (address != null && !address.isEmpty() && addresses.add(address) && addresses.size() > 1) {
        errors.warning(
            route.path().child("rateLimit.global.redis.address"),
            address,
            "the Kthena router connects "
                + "to one Redis (the first address it reads) for every global budget; "
                + addresses.iterator().next()
                + " is named too");
      }
    }
  }
}

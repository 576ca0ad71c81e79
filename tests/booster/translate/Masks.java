package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBackend;
import booster.api.ModelBooster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only differences allowed between an upstream golden child and ours, one named step per
 * deliberate difference, each marked (masked) in docs/differences.md (docs/design.md §8.1). Each
 * step rewrites the expected tree into what our rule prescribes (computed from the input booster,
 * never copied from our output), so the comparison still checks the value; only the revision is
 * removed from both sides.
 */
enum Masks {
  /**
   * Our revision is our own digest (docs/design.md §2.3); it is checked for upstream's alphabet,
   * then removed.
   */
  REVISION_DIGEST {
    @Override
    void apply(ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
      String revision = labels(actual).get(Labels.REVISION).toString();
      assertTrue(
          revision.matches("^[4-9bcdf]{1,10}$"),
          "revision label in upstream's alphabet: " + revision);
      labels(expected).remove(Labels.REVISION);
      labels(actual).remove(Labels.REVISION);
    }
  },
  /** Every child also carries the seed's managed-by label (docs/design.md §2.2). */
  SEED_LABEL {
    @Override
    void apply(ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
      labels(expected).put(Labels.SEED_MANAGED_BY, Labels.SEED_MANAGED_BY_VALUE);
    }
  },
  /**
   * The ModelRoute (and ModelServing) owner reference is a controller reference too (docs/design.md
   * §2.2).
   */
  CONTROLLER_OWNER_REFERENCE {
    @Override
    void apply(ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
      for (Map<String, Object> ref : list(map(expected, "metadata").get("ownerReferences"))) {
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
      }
    }
  },
  /**
   * Every ModelServing carries the replicas it was rendered with, so the operator can tell the
   * booster's own change from an autoscaler's (docs/design.md §3.7); the expected value is the
   * golden file's own spec.replicas (absent means 0).
   */
  APPLIED_REPLICAS_ANNOTATION {
    @Override
    void apply(ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
      Object replicas = map(expected, "spec").getOrDefault("replicas", 0);
      Map<String, Object> annotations = new LinkedHashMap<>();
      annotations.put(Labels.APPLIED_REPLICAS, String.valueOf(replicas));
      map(expected, "metadata").put("annotations", annotations);
    }
  },
  /**
   * An absent legacy routeWeight is sent as 100 by the translator, not by a webhook (docs/design.md
   * §2.1).
   */
  LEGACY_ROUTE_WEIGHT_DEFAULT {
    @Override
    void apply(ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
      for (Map<String, Object> rule : list(map(expected, "spec").get("rules"))) {
        for (Map<String, Object> target : list(rule.get("targetModels"))) {
          target.putIfAbsent("weight", ModelRoutes.DEFAULT_WEIGHT);
        }
      }
    }
  },
  /**
   * The ModelServer selects the backend-name label when there are several backends, and only entry
   * pods when a worker spans several pods (docs/design.md §2.6).
   */
  NARROW_SERVER_SELECTOR {
    @Override
    void apply(ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
      Map<String, Object> matchLabels =
          map(map(map(expected, "spec"), "workloadSelector"), "matchLabels");
      ModelBackend backend = backendOf(booster, map(expected, "metadata").get("name").toString());
      if (booster.getSpec().allBackends().size() > 1) {
        matchLabels.put(Labels.BACKEND_NAME, backend.getName());
      }
      if (backend.getWorkers().stream().anyMatch(w -> w.effectivePods() > 1)) {
        matchLabels.put(Labels.ENTRY, "true");
      }
    }
  },
  /**
   * A binding scrapes metrics on the backend's RUNTIME_PORT when the backend overrides it
   * (docs/design.md §2.6).
   */
  METRICS_RUNTIME_PORT {
    @Override
    void apply(ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual) {
      Map<String, Object> spec = map(expected, "spec");
      List<Map<String, Object>> targets =
          spec.containsKey("homogeneousTarget")
              ? List.of(map(map(spec, "homogeneousTarget"), "target"))
              : list(map(spec, "heterogeneousTarget").get("params")).stream()
                  .map(p -> map(p, "target"))
                  .toList();
      for (Map<String, Object> target : targets) {
        ModelBackend backend = backendOf(booster, map(target, "targetRef").get("name").toString());
        backend.getEnv().stream()
            .filter(e -> e.getName().equals("RUNTIME_PORT"))
            .findFirst()
            .ifPresent(
                e -> map(target, "metricEndpoint").put("port", Integer.parseInt(e.getValue())));
      }
    }
  };

  abstract void apply(
      ModelBooster booster, Map<String, Object> expected, Map<String, Object> actual);

  /** The backend whose ModelServing/ModelServer is named {@code childName}. */
  static ModelBackend backendOf(ModelBooster booster, String childName) {
    return booster.getSpec().allBackends().stream()
        .filter(b -> Names.child(booster.getMetadata().getName(), b.getName()).equals(childName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no backend for " + childName));
  }

  static Map<String, Object> labels(Map<String, Object> object) {
    return map(map(object, "metadata"), "labels");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertNotNull(value, "missing " + key);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    assertNotNull(value, "missing list");
    return (List<Map<String, Object>>) value;
  }

  static void assertSame(List<String> differences, String what) {
    assertEquals(
        List.of(),
        differences,
        what + " differs from the upstream golden file after the named masks");
  }
}

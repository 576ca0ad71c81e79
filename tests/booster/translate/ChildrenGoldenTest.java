package booster.translate;

import static booster.translate.Masks.CONTROLLER_OWNER_REFERENCE;
import static booster.translate.Masks.LEGACY_ROUTE_WEIGHT_DEFAULT;
import static booster.translate.Masks.METRICS_RUNTIME_PORT;
import static booster.translate.Masks.NARROW_SERVER_SELECTOR;
import static booster.translate.Masks.REVISION_DIGEST;
import static booster.translate.Masks.SEED_LABEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream golden parity for ModelServer, ModelRoute, AutoscalingPolicy and
 * AutoscalingPolicyBinding (upstream's convert tests at each tag). v0.4.0 and v1.0.0 files are
 * compared directly; v0.1.0 files are compared through the legacy mapping onto the v0.4.0 child
 * schemas (docs/design.md §2.6). v1.0.0 has no autoscaling golden file (its booster writes none).
 * Only the masks of {@link Masks} are applied, each named after what it masks (docs/design.md
 * §8.1).
 */
class ChildrenGoldenTest {
  private static final String V040 = "v0.4.0";
  private static final String V010 = "v0.1.0";
  private static final String V100 = "v1.0.0";

  /** Both upstream tags compared here predate Kthena v1.0: their children are profile v0.4's. */
  private static final KthenaProfile V04 = KthenaProfile.V0_4;

  /**
   * One upstream case: which builder output is compared with which golden file, and under which
   * masks.
   */
  record Case(
      String name,
      String inputTag,
      String input,
      Function<ModelBooster, GenericKubernetesResource> build,
      String expectedTag,
      String expected,
      boolean v010BindingSchema,
      Masks... masks) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // v0.4.0 convert tests
        new Case(
            "v0.4.0 ModelServer",
            V040,
            "model.yaml",
            ChildrenGoldenTest::server,
            V040,
            "model-server.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            NARROW_SERVER_SELECTOR),
        new Case(
            "v0.4.0 PD ModelServer",
            V040,
            "pd-disaggregated-model-npu.yaml",
            ChildrenGoldenTest::server,
            V040,
            "pd-model-server.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL),
        new Case(
            "v0.4.0 ModelRoute",
            V040,
            "model.yaml",
            ChildrenGoldenTest::route,
            V040,
            "model-route.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            CONTROLLER_OWNER_REFERENCE),
        new Case(
            "v0.4.0 homogeneous binding",
            V040,
            "model.yaml",
            b -> Autoscaling.build(b, V04).get(1),
            V040,
            "scaling-asp-binding.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            METRICS_RUNTIME_PORT),
        // no upstream test reads these v0.4.0 files; they picture the legacy optimiser in the
        // v0.4.0 schema
        new Case(
            "v0.4.0 orphan model-level policy",
            V010,
            "multi-backends-model.yaml",
            b -> Autoscaling.build(b, V04).get(0),
            V040,
            "optimize-asp.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL),
        new Case(
            "v0.4.0 orphan heterogeneous binding",
            V010,
            "multi-backends-model.yaml",
            b -> Autoscaling.build(b, V04).get(1),
            V040,
            "optimize-asp-binding.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            METRICS_RUNTIME_PORT),
        // v1.0.0 convert tests: owner references are controller references upstream too (no owner
        // mask)
        new Case(
            "v1.0.0 ModelServer",
            V100,
            "model.yaml",
            ChildrenGoldenTest::server,
            V100,
            "model-server.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            NARROW_SERVER_SELECTOR),
        new Case(
            "v1.0.0 PD ModelServer",
            V100,
            "pd-disaggregated-model-npu.yaml",
            ChildrenGoldenTest::server,
            V100,
            "pd-model-server.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL),
        new Case(
            "v1.0.0 ModelRoute",
            V100,
            "model.yaml",
            ChildrenGoldenTest::route,
            V100,
            "model-route.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL),
        // v0.1.0 convert tests, through the legacy mapping (docs/design.md §2.6)
        new Case(
            "v0.1.0 ModelServer",
            V010,
            "model.yaml",
            ChildrenGoldenTest::server,
            V010,
            "model-server.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            NARROW_SERVER_SELECTOR),
        // MooncakeConnectorV1 still maps to mooncake: both generations of names are known
        // (docs/design.md §2.6)
        new Case(
            "v0.1.0 PD ModelServer",
            V010,
            "pd-disaggregated-model.yaml",
            ChildrenGoldenTest::server,
            V010,
            "pd-model-server.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL),
        new Case(
            "v0.1.0 single-backend route",
            V010,
            "model.yaml",
            ChildrenGoldenTest::route,
            V010,
            "model-route.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            CONTROLLER_OWNER_REFERENCE,
            LEGACY_ROUTE_WEIGHT_DEFAULT),
        new Case(
            "v0.1.0 multi-backend route",
            V010,
            "multi-backends-model.yaml",
            ChildrenGoldenTest::route,
            V010,
            "model-route-subset.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            CONTROLLER_OWNER_REFERENCE),
        new Case(
            "v0.1.0 multi-LoRA route",
            V010,
            "multi-lora-model.yaml",
            ChildrenGoldenTest::route,
            V010,
            "model-route-loras-subset.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL,
            CONTROLLER_OWNER_REFERENCE),
        new Case(
            "v0.1.0 backend-level policy",
            V010,
            "model.yaml",
            b -> Autoscaling.build(b, V04).get(0),
            V010,
            "scaling-asp.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL),
        new Case(
            "v0.1.0 backend-level binding",
            V010,
            "model.yaml",
            b -> Autoscaling.build(b, V04).get(1),
            V010,
            "scaling-asp-binding.yaml",
            true,
            REVISION_DIGEST,
            SEED_LABEL,
            METRICS_RUNTIME_PORT),
        new Case(
            "v0.1.0 model-level policy",
            V010,
            "multi-backends-model.yaml",
            b -> Autoscaling.build(b, V04).get(0),
            V010,
            "optimize-asp.yaml",
            false,
            REVISION_DIGEST,
            SEED_LABEL),
        new Case(
            "v0.1.0 model-level binding",
            V010,
            "multi-backends-model.yaml",
            b -> Autoscaling.build(b, V04).get(1),
            V010,
            "optimize-asp-binding.yaml",
            true,
            REVISION_DIGEST,
            SEED_LABEL,
            METRICS_RUNTIME_PORT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesUpstream(Case c) {
    ModelBooster booster = Golden.input(c.inputTag(), c.input());
    Map<String, Object> expected = Golden.expected(c.expectedTag(), c.expected());
    assertParity(
        booster,
        c.build().apply(booster),
        c.v010BindingSchema() ? v040Schema(expected) : expected,
        c.masks());
  }

  /**
   * Every mask of a case is needed: leaving any one out makes the comparison fail (no mask hides
   * nothing).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyMaskIsNeeded(Case c) {
    for (Masks left : c.masks()) {
      ModelBooster booster = Golden.input(c.inputTag(), c.input());
      Map<String, Object> expected = Golden.expected(c.expectedTag(), c.expected());
      if (c.v010BindingSchema()) {
        expected = v040Schema(expected);
      }
      Map<String, Object> actual = Golden.tree(c.build().apply(booster));
      for (Masks mask : c.masks()) {
        if (mask != left) {
          mask.apply(booster, expected, actual);
        }
      }
      assertFalse(
          Golden.differences(expected, actual).isEmpty(), c + " still matches without " + left);
    }
  }

  /** Both upstream autoscaling layouts give exactly one policy and one binding for these inputs. */
  @ParameterizedTest
  @ValueSource(
      strings = {"v0.4.0/model.yaml", "v0.1.0/model.yaml", "v0.1.0/multi-backends-model.yaml"})
  void onePolicyAndOneBinding(String input) {
    String[] parts = input.split("/");
    List<String> kinds =
        Autoscaling.build(Golden.input(parts[0], parts[1]), V04).stream()
            .map(GenericKubernetesResource::getKind)
            .toList();
    assertEquals(List.of("AutoscalingPolicy", "AutoscalingPolicyBinding"), kinds);
  }

  /**
   * Upstream's unit test called the policy builder with an empty backend name, so its golden file
   * names the policy {@code test-model} with backend-name {@code ""}; the real v0.4.0 controller
   * passes the backend name. Not a behaviour difference: the expected name and label are rewritten
   * to what the controller produces, and everything else is compared as is.
   */
  @Test
  void v040AutoscalingPolicy() {
    ModelBooster booster = Golden.input(V040, "model.yaml");
    Map<String, Object> expected = Golden.expected(V040, "scaling-asp.yaml");
    assertEquals("test-model", Masks.map(expected, "metadata").get("name"));
    assertEquals("", Masks.labels(expected).get(Labels.BACKEND_NAME));
    Masks.map(expected, "metadata").put("name", "test-model-backend1");
    Masks.labels(expected).put(Labels.BACKEND_NAME, "backend1");
    assertParity(
        booster, Autoscaling.build(booster, V04).get(0), expected, REVISION_DIGEST, SEED_LABEL);
  }

  /**
   * The schema mapping itself: the v0.1.0 optimiser binding, renamed, is the orphaned v0.4.0 file.
   */
  @Test
  void v010BindingSchemaMappingGivesTheV040File() {
    Map<String, Object> mapped = v040Schema(Golden.expected(V010, "optimize-asp-binding.yaml"));
    Map<String, Object> v040 = Golden.expected(V040, "optimize-asp-binding.yaml");
    Masks.labels(mapped).remove(Labels.REVISION);
    Masks.labels(v040).remove(Labels.REVISION);
    Masks.assertSame(Golden.differences(v040, mapped), "mapped v0.1.0 binding");
  }

  // ---- helpers ----

  /** The ModelServer is the same in both profiles (only the autoscaling children differ). */
  private static GenericKubernetesResource server(ModelBooster booster) {
    return ModelServers.build(
        new BackendContext(
            booster, booster.getSpec().allBackends().get(0), TranslatorConfig.defaults(V04)));
  }

  /** Upstream boosters have no {@code spec.routes[]}: one ModelRoute, the main one. */
  private static GenericKubernetesResource route(ModelBooster booster) {
    List<GenericKubernetesResource> routes = ModelRoutes.build(booster);
    assertEquals(1, routes.size(), "routes of an upstream booster");
    return routes.get(0);
  }

  private static void assertParity(
      ModelBooster booster,
      GenericKubernetesResource child,
      Map<String, Object> expected,
      Masks... masks) {
    Map<String, Object> actual = Golden.tree(child);
    for (Masks mask : masks) {
      mask.apply(booster, expected, actual);
    }
    Masks.assertSame(
        Golden.differences(expected, actual),
        child.getKind() + " " + child.getMetadata().getName());
  }

  /**
   * A v0.1.0 binding in the v0.4.0 schema, as upstream renamed it (commit a229c5f3): {@code
   * scalingConfiguration} to {@code homogeneousTarget}, {@code optimizerConfiguration} to {@code
   * heterogeneousTarget}, {@code target.additionalMatchLabels} to {@code
   * target.metricEndpoint.labelSelector.matchLabels}; {@code metricFrom} is not a field of either
   * schema and upstream's Go decoder ignores unknown fields.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> v040Schema(Map<String, Object> v010) {
    Map<String, Object> spec = Masks.map(v010, "spec");
    Map<String, Object> renamed = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : spec.entrySet()) {
      String key =
          switch (e.getKey()) {
            case "scalingConfiguration" -> "homogeneousTarget";
            case "optimizerConfiguration" -> "heterogeneousTarget";
            default -> e.getKey();
          };
      renamed.put(key, e.getValue());
    }
    v010.put("spec", renamed);
    for (Map<String, Object> node : Golden.maps(renamed)) {
      if (node.get("targetRef") != null) {
        node.remove("metricFrom");
        Object labels = node.remove("additionalMatchLabels");
        if (labels != null) {
          node.put(
              "metricEndpoint",
              new LinkedHashMap<>(Map.of("labelSelector", Map.of("matchLabels", labels))));
        }
      }
    }
    return v010;
  }
}

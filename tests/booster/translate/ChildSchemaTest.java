package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.Problem;
import booster.api.Validation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every child of every booster we know (upstream golden inputs and examples, our examples) is accepted by the
 * upstream v0.4.0 CRD schema of its kind, has valid object metadata, and satisfies the CRD's CEL rules that apply
 * on create. One test per (booster, kind), so each kind's builder is covered on its own.
 */
class ChildSchemaTest {
  private static final Map<ChildKind, CrdSchema> SCHEMAS = new EnumMap<>(ChildKind.class);
  private static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  private static final String LABEL_NAME = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";

  static Stream<Arguments> boostersAndKinds() {
    List<Arguments> out = new ArrayList<>();
    for (Boosters.Source source : Boosters.all()) {
      for (ChildKind kind : ChildKind.values()) {
        out.add(Arguments.of(source, kind));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("boostersAndKinds")
  void childrenMatchTheUpstreamSchema(Boosters.Source source, ChildKind kind) {
    ModelBooster booster = source.booster();
    List<Problem> errors = Validation.validate(booster).stream().filter(Problem::isError).toList();
    assertEquals(List.of(), errors, source + " must be a valid booster");
    for (GenericKubernetesResource child : render(booster, kind)) {
      String what = source + " -> " + kind.kind() + " " + child.getMetadata().getName();
      assertEquals(kind.kind(), child.getKind(), what);
      assertEquals(kind.apiVersion(), child.getApiVersion(), what);
      Map<String, Object> tree = Golden.tree(child);
      assertEquals(List.of(), schema(kind).violations(tree), what + " violates the v0.4.0 CRD schema");
      assertEquals(List.of(), metadataProblems(booster, child), what + " has invalid metadata");
      assertEquals(List.of(), celProblems(kind, tree), what + " breaks a CEL rule of the CRD");
    }
  }

  /** The children of one kind, built by that kind's builder alone. */
  static List<GenericKubernetesResource> render(ModelBooster booster, ChildKind kind) {
    List<GenericKubernetesResource> children = new ArrayList<>();
    for (ModelBackend backend : booster.getSpec().allBackends()) {
      BackendContext ctx = new BackendContext(booster, backend, TranslatorConfig.defaults());
      if (kind == ChildKind.MODEL_SERVING) {
        children.add(ModelServings.build(ctx));
      } else if (kind == ChildKind.MODEL_SERVER) {
        children.add(ModelServers.build(ctx));
      }
    }
    if (kind == ChildKind.MODEL_ROUTE) {
      children.add(ModelRoutes.build(booster));
    }
    if (kind == ChildKind.AUTOSCALING_POLICY || kind == ChildKind.AUTOSCALING_POLICY_BINDING) {
      Autoscaling.build(booster).stream().filter(c -> c.getKind().equals(kind.kind())).forEach(children::add);
    }
    return children;
  }

  private static synchronized CrdSchema schema(ChildKind kind) {
    return SCHEMAS.computeIfAbsent(kind, CrdSchema::of);
  }

  /** What the API server checks in ObjectMeta for our fields: name, namespace, labels, the owner reference. */
  static List<String> metadataProblems(ModelBooster booster, GenericKubernetesResource child) {
    List<String> out = new ArrayList<>();
    String name = child.getMetadata().getName();
    if (name == null || name.length() > 253 || !name.matches(DNS_SUBDOMAIN)) {
      out.add("metadata.name: not a DNS subdomain: " + name);
    }
    if (!java.util.Objects.equals(booster.getMetadata().getNamespace(), child.getMetadata().getNamespace())) {
      out.add("metadata.namespace: not the booster's");
    }
    child.getMetadata().getLabels().forEach((key, value) -> {
      String keyName = key.substring(key.indexOf('/') + 1);
      String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : "";
      if (keyName.length() > 63 || !keyName.matches(LABEL_NAME) || prefix.length() > 253
          || (!prefix.isEmpty() && !prefix.matches(DNS_SUBDOMAIN))) {
        out.add("metadata.labels: invalid key " + key);
      }
      if (value.length() > 63 || !(value.isEmpty() || value.matches(LABEL_NAME))) {
        out.add("metadata.labels." + key + ": invalid value " + value);
      }
    });
    List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
    if (refs.size() != 1 || !Boolean.TRUE.equals(refs.get(0).getController())
        || !ModelBooster.KIND.equals(refs.get(0).getKind()) || !ModelBooster.API_VERSION.equals(refs.get(0).getApiVersion())
        || !booster.getMetadata().getName().equals(refs.get(0).getName())) {
      out.add("metadata.ownerReferences: not one controller reference to the booster: " + refs);
    }
    return out;
  }

  /**
   * The CEL rules of the v0.4.0 child CRDs that apply on create (transition rules with oldSelf do not), written
   * out because {@link CrdSchema} does not evaluate CEL.
   */
  @SuppressWarnings("unchecked")
  static List<String> celProblems(ChildKind kind, Map<String, Object> child) {
    Map<String, Object> spec = (Map<String, Object>) child.get("spec");
    List<String> out = new ArrayList<>();
    switch (kind) {
      case AUTOSCALING_POLICY_BINDING -> {
        if (spec.containsKey("heterogeneousTarget") == spec.containsKey("homogeneousTarget")) {
          out.add("spec: either heterogeneousTarget or homogeneousTarget must be set, but not both");
        }
      }
      case MODEL_ROUTE -> {
        Object adapters = spec.get("loraAdapters");
        if ("".equals(spec.getOrDefault("modelName", "")) && (adapters == null || ((List<?>) adapters).isEmpty())) {
          out.add("spec: ModelName and LoraAdapters cannot both be empty");
        }
      }
      case MODEL_SERVING -> {
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        Set<Object> names = new HashSet<>();
        for (Map<String, Object> role : (List<Map<String, Object>>) template.get("roles")) {
          if (!names.add(role.get("name"))) {
            out.add("spec.template.roles: roles name must be unique: " + role.get("name"));
          }
        }
      }
      default -> {
      }
    }
    return out;
  }

  // ---- the validator itself ----

  @Test
  void validatorAcceptsAGoodChild() {
    assertEquals(List.of(), CrdSchema.of(ChildKind.MODEL_SERVER).violations(goodServer()));
  }

  @Test
  void validatorCatchesAnUnknownField() {
    Map<String, Object> server = goodServer();
    spec(server).put("replicas", 3);
    assertEquals(List.of("spec.replicas: unknown field"), CrdSchema.of(ChildKind.MODEL_SERVER).violations(server));
  }

  @Test
  void validatorCatchesAWrongType() {
    Map<String, Object> server = goodServer();
    spec(server).put("workloadPort", new LinkedHashMap<>(Map.of("port", "8000")));
    assertEquals(List.of("spec.workloadPort.port: must be of type integer, got String 8000"),
        CrdSchema.of(ChildKind.MODEL_SERVER).violations(server));
  }

  @Test
  void validatorCatchesAMissingRequiredField() {
    Map<String, Object> server = goodServer();
    spec(server).remove("inferenceEngine");
    assertEquals(List.of("spec.inferenceEngine: required field missing"),
        CrdSchema.of(ChildKind.MODEL_SERVER).violations(server));
  }

  @Test
  void validatorCatchesEnumBoundsPatternAndItemCounts() {
    Map<String, Object> server = goodServer();
    spec(server).put("inferenceEngine", "TGI");
    spec(server).put("workloadPort", new LinkedHashMap<>(Map.of("port", 70000)));
    List<String> found = CrdSchema.of(ChildKind.MODEL_SERVER).violations(server);
    assertEquals(2, found.size(), found.toString());
    assertTrue(found.get(0).startsWith("spec.inferenceEngine: TGI is not one of"), found.toString());
    assertTrue(found.get(1).startsWith("spec.workloadPort.port: 70000 is above the maximum"), found.toString());

    Map<String, Object> policy = new LinkedHashMap<>(Map.of("apiVersion", "x", "kind", "AutoscalingPolicy",
        "spec", Map.of("metrics", List.of(Map.of("metricName", "m", "targetValue", "ten")))));
    assertEquals(1, CrdSchema.of(ChildKind.AUTOSCALING_POLICY).violations(policy).size());
    policy.put("spec", Map.of("metrics", List.of(Map.of("metricName", "m", "targetValue", 10))));
    assertEquals(List.of(), CrdSchema.of(ChildKind.AUTOSCALING_POLICY).violations(policy), "int-or-string");
    policy.put("spec", Map.of("metrics", List.of()));
    assertEquals(List.of("spec.metrics: fewer than 1 items"),
        CrdSchema.of(ChildKind.AUTOSCALING_POLICY).violations(policy));
  }

  @Test
  void validatorRespectsPreserveUnknownFields() {
    Map<String, Object> serving = new LinkedHashMap<>(Map.of("kind", "ModelServing", "spec", Map.of(
        "plugins", List.of(Map.of("name", "p", "config", Map.of("anything", List.of(1, "two")))),
        "template", Map.of("roles", List.of(Map.of("name", "leader", "replicas", 1,
            "entryTemplate", Map.of("spec", Map.of("containers", List.of())))))
    )));
    List<String> found = CrdSchema.of(ChildKind.MODEL_SERVING).violations(serving);
    assertFalse(found.stream().anyMatch(v -> v.contains("anything")), found.toString());
    assertNotEquals(List.of(), CrdSchema.of(ChildKind.MODEL_SERVING).violations(
        Map.of("spec", Map.of("template", Map.of("roles", List.of(Map.of("name", "r", "bogus", 1)))))));
  }

  /**
   * On upstream's own v0.4.0 golden children the validator finds exactly the drifts golden-cases.md 1 describes:
   * the ModelServing template still writes {@code topologySpreadConstraints}, which the v0.4.0 type dropped, and some
   * files misspell {@code envFrom} as {@code envfrom} (Go's decoder is case-insensitive, the API server is not).
   */
  @Test
  void validatorFindsTheKnownDriftInUpstreamGoldenFiles() {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String file : List.of("model-serving.yaml", "disaggregated-model-serving.yaml",
        "disaggregated-model-serving-mooncake.yaml")) {
      found.put(file, CrdSchema.of(ChildKind.MODEL_SERVING).violations(Golden.expected("v0.4.0", file)));
    }
    for (String file : List.of("model-server.yaml", "pd-model-server.yaml")) {
      found.put(file, CrdSchema.of(ChildKind.MODEL_SERVER).violations(Golden.expected("v0.4.0", file)));
    }
    found.put("model-route.yaml", CrdSchema.of(ChildKind.MODEL_ROUTE).violations(Golden.expected("v0.4.0",
        "model-route.yaml")));
    found.put("scaling-asp.yaml", CrdSchema.of(ChildKind.AUTOSCALING_POLICY).violations(Golden.expected("v0.4.0",
        "scaling-asp.yaml")));
    for (String file : List.of("scaling-asp-binding.yaml", "optimize-asp-binding.yaml")) {
      found.put(file, CrdSchema.of(ChildKind.AUTOSCALING_POLICY_BINDING).violations(Golden.expected("v0.4.0", file)));
    }
    Map<String, List<String>> drift = new LinkedHashMap<>();
    found.forEach((file, violations) -> drift.put(file, List.of()));
    drift.put("model-serving.yaml", List.of(
        "spec.template.roles[0].entryTemplate.spec.initContainers[0].envfrom: unknown field",
        "spec.template.roles[0].workerTemplate.spec.initContainers[0].envfrom: unknown field",
        "spec.topologySpreadConstraints: unknown field"));
    assertEquals(drift, found);
  }

  private static Map<String, Object> goodServer() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("model", "m");
    spec.put("inferenceEngine", "vLLM");
    spec.put("workloadSelector", Map.of("matchLabels", Map.of("a", "b")));
    spec.put("workloadPort", Map.of("port", 8000));
    spec.put("trafficPolicy", Map.of("retry", Map.of("attempts", 5, "retryInterval", "0s")));
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("apiVersion", ChildKind.MODEL_SERVER.apiVersion());
    server.put("kind", "ModelServer");
    server.put("metadata", Map.of("name", "x"));
    server.put("spec", spec);
    return server;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> object) {
    return (Map<String, Object>) object.get("spec");
  }
}

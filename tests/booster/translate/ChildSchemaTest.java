package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.Problem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every child of every booster we know (upstream golden inputs and examples, our examples), in each
 * Kthena profile, is accepted by the upstream CRD schema of its kind at that profile's release
 * (v0.4.0 or v1.0.0), has valid object metadata, and satisfies the CRD's CEL rules that apply on
 * create; profile-v1.0 policies also pass the v1.0 AutoscalingPolicy webhook's rules ({@link
 * PolicyWebhook}). One test per (booster, profile, kind), so each kind's builder is covered on its
 * own.
 */
class ChildSchemaTest {
  private static final Map<String, CrdSchema> SCHEMAS = new HashMap<>();
  private static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  private static final String LABEL_NAME = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";

  static Stream<Arguments> boostersProfilesAndKinds() {
    List<Arguments> out = new ArrayList<>();
    for (SampleBoosters.Source source : SampleBoosters.all()) {
      for (KthenaProfile profile : KthenaProfile.values()) {
        for (ChildKind kind : profile.childKinds()) {
          out.add(Arguments.of(source, profile, kind));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @MethodSource("boostersProfilesAndKinds")
  void childrenMatchTheUpstreamSchema(
      SampleBoosters.Source source, KthenaProfile profile, ChildKind kind) {
    ModelBooster booster = source.booster();
    List<Problem> errors =
        new Translator(TranslatorConfig.defaults(profile))
            .validate(booster).stream().filter(Problem::isError).toList();
    if (!SampleBoosters.renderable(booster, profile)) {
      assertTrue(
          !errors.isEmpty()
              && errors.stream().allMatch(e -> e.message().contains("needs Kthena v1.0")),
          source
              + " asks for role autoscaling, which profile "
              + profile
              + " must refuse: "
              + errors);
      return;
    }
    assertEquals(List.of(), errors, source + " must be a valid booster");
    for (GenericKubernetesResource child : render(booster, kind, profile)) {
      String what =
          source
              + " -> "
              + kind.kind()
              + " "
              + child.getMetadata().getName()
              + " ("
              + profile
              + ")";
      assertEquals(kind.kind(), child.getKind(), what);
      assertEquals(kind.apiVersion(), child.getApiVersion(), what);
      Map<String, Object> tree = Golden.tree(child);
      assertEquals(
          List.of(),
          schema(kind, profile).violations(tree),
          what + " violates the " + CrdSchema.release(profile) + " CRD schema");
      assertEquals(List.of(), metadataProblems(booster, child), what + " has invalid metadata");
      assertEquals(
          List.of(), celProblems(kind, profile, tree), what + " breaks a CEL rule of the CRD");
      if (kind == ChildKind.AUTOSCALING_POLICY && profile == KthenaProfile.V1_0) {
        assertEquals(
            List.of(),
            PolicyWebhook.problems(ServingTrees.map(tree.get("spec"))),
            what + " would be refused by the v1.0 AutoscalingPolicy webhook");
      }
    }
  }

  /** The children of one kind, built by that kind's builder alone. */
  static List<GenericKubernetesResource> render(
      ModelBooster booster, ChildKind kind, KthenaProfile profile) {
    List<GenericKubernetesResource> children = new ArrayList<>();
    for (ModelBackend backend : booster.getSpec().allBackends()) {
      BackendContext ctx = new BackendContext(booster, backend, TranslatorConfig.defaults(profile));
      if (kind == ChildKind.MODEL_SERVING) {
        children.add(ModelServings.build(ctx));
      } else if (kind == ChildKind.MODEL_SERVER) {
        children.add(ModelServers.build(ctx));
      }
    }
    if (kind == ChildKind.MODEL_ROUTE) {
      children.addAll(ModelRoutes.build(booster));
    }
    if (kind == ChildKind.AUTOSCALING_POLICY || kind == ChildKind.AUTOSCALING_POLICY_BINDING) {
      Autoscaling.build(booster, profile).stream()
          .filter(c -> c.getKind().equals(kind.kind()))
          .forEach(children::add);
    }
    return children;
  }

  static synchronized CrdSchema schema(ChildKind kind, KthenaProfile profile) {
    return SCHEMAS.computeIfAbsent(kind + "@" + profile, key -> CrdSchema.of(kind, profile));
  }

  /**
   * What the API server checks in ObjectMeta for our fields: name, namespace, labels, the owner
   * reference.
   */
  static List<String> metadataProblems(ModelBooster booster, GenericKubernetesResource child) {
    List<String> out = new ArrayList<>();
    String name = child.getMetadata().getName();
    if (name == null || name.length() > 253 || !name.matches(DNS_SUBDOMAIN)) {
      out.add("metadata.name: not a DNS subdomain: " + name);
    }
    if (!java.util.Objects.equals(
        booster.getMetadata().getNamespace(), child.getMetadata().getNamespace())) {
      out.add("metadata.namespace: not the booster's");
    }
    child
        .getMetadata()
        .getLabels()
        .forEach(
            (key, value) -> {
              String keyName = key.substring(key.indexOf('/') + 1);
              String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : "";
              if (keyName.length() > 63
                  || !keyName.matches(LABEL_NAME)
                  || prefix.length() > 253
                  || (!prefix.isEmpty() && !prefix.matches(DNS_SUBDOMAIN))) {
                out.add("metadata.labels: invalid key " + key);
              }
              if (value.length() > 63 || !(value.isEmpty() || value.matches(LABEL_NAME))) {
                out.add("metadata.labels." + key + ": invalid value " + value);
              }
            });
    List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
    if (refs.size() != 1
        || !Boolean.TRUE.equals(refs.get(0).getController())
        || !ModelBooster.KIND.equals(refs.get(0).getKind())
        || !ModelBooster.API_VERSION.equals(refs.get(0).getApiVersion())
        || !booster.getMetadata().getName().equals(refs.get(0).getName())) {
      out.add("metadata.ownerReferences: not one controller reference to the booster: " + refs);
    }
    return out;
  }

  /**
   * The CEL rules of the child CRDs that apply on create (transition rules with oldSelf do not),
   * written out because {@link CrdSchema} does not evaluate CEL. Only the AutoscalingPolicy rules
   * differ between the releases.
   */
  @SuppressWarnings("unchecked")
  static List<String> celProblems(
      ChildKind kind, KthenaProfile profile, Map<String, Object> child) {
    Map<String, Object> spec = (Map<String, Object>) child.get("spec");
    List<String> out = new ArrayList<>();
    switch (kind) {
      case AUTOSCALING_POLICY -> {
        if (profile == KthenaProfile.V1_0) {
          v1PolicyCelProblems(spec, out);
        }
      }
      case AUTOSCALING_POLICY_BINDING -> {
        if (spec.containsKey("heterogeneousTarget") == spec.containsKey("homogeneousTarget")) {
          out.add(
              "spec: either heterogeneousTarget or homogeneousTarget must be set, but not both");
        }
      }
      case MODEL_ROUTE -> {
        Object adapters = spec.get("loraAdapters");
        if ("".equals(spec.getOrDefault("modelName", ""))
            && (adapters == null || ((List<?>) adapters).isEmpty())) {
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
      default -> {}
    }
    return out;
  }

  /**
   * v1.0.0 AutoscalingPolicy: a metric source is exactly one of pod and prometheus; a ratio
   * constraint needs two roles, and two different ones.
   */
  private static void v1PolicyCelProblems(Map<String, Object> spec, List<String> out) {
    for (Map<String, Object> node : Golden.maps(spec)) {
      if (node.get("metricSources") instanceof Map<?, ?> sources) {
        sources.forEach(
            (name, source) -> {
              Map<?, ?> s = (Map<?, ?>) source;
              if (s.containsKey("pod") == s.containsKey("prometheus")) {
                out.add("metricSources[" + name + "]: exactly one of pod and prometheus");
              }
            });
      }
    }
    if (spec.get("disaggregatedTarget") instanceof Map<?, ?> target
        && target.get("ratioConstraint") != null) {
      Map<?, ?> ratio = (Map<?, ?>) target.get("ratioConstraint");
      if (((Map<?, ?>) target.get("roles")).size() < 2) {
        out.add(
            "spec.disaggregatedTarget: roles must contain at least two entries when ratioConstraint is configured");
      }
      if (ratio.get("numeratorRole").equals(ratio.get("denominatorRole"))) {
        out.add(
            "spec.disaggregatedTarget.ratioConstraint: numeratorRole and denominatorRole must differ");
      }
    }
  }

  // ---- the validator itself ----

  @Test
  void validatorAcceptsAGoodChild() {
    assertEquals(List.of(), v04(ChildKind.MODEL_SERVER).violations(goodServer()));
  }

  @Test
  void validatorCatchesAnUnknownField() {
    Map<String, Object> server = goodServer();
    spec(server).put("replicas", 3);
    assertEquals(
        List.of("spec.replicas: unknown field"), v04(ChildKind.MODEL_SERVER).violations(server));
  }

  @Test
  void validatorCatchesAWrongType() {
    Map<String, Object> server = goodServer();
    spec(server).put("workloadPort", new LinkedHashMap<>(Map.of("port", "8000")));
    assertEquals(
        List.of("spec.workloadPort.port: must be of type integer, got String 8000"),
        v04(ChildKind.MODEL_SERVER).violations(server));
  }

  @Test
  void validatorCatchesAMissingRequiredField() {
    Map<String, Object> server = goodServer();
    spec(server).remove("inferenceEngine");
    assertEquals(
        List.of("spec.inferenceEngine: required field missing"),
        v04(ChildKind.MODEL_SERVER).violations(server));
  }

  @Test
  void validatorCatchesEnumBoundsPatternAndItemCounts() {
    Map<String, Object> server = goodServer();
    spec(server).put("inferenceEngine", "TGI");
    spec(server).put("workloadPort", new LinkedHashMap<>(Map.of("port", 70000)));
    List<String> found = v04(ChildKind.MODEL_SERVER).violations(server);
    assertEquals(2, found.size(), found.toString());
    assertTrue(
        found.get(0).startsWith("spec.inferenceEngine: TGI is not one of"), found.toString());
    assertTrue(
        found.get(1).startsWith("spec.workloadPort.port: 70000 is above the maximum"),
        found.toString());

    Map<String, Object> policy =
        new LinkedHashMap<>(
            Map.of(
                "apiVersion",
                "x",
                "kind",
                "AutoscalingPolicy",
                "spec",
                Map.of("metrics", List.of(Map.of("metricName", "m", "targetValue", "ten")))));
    assertEquals(1, v04(ChildKind.AUTOSCALING_POLICY).violations(policy).size());
    policy.put("spec", Map.of("metrics", List.of(Map.of("metricName", "m", "targetValue", 10))));
    assertEquals(List.of(), v04(ChildKind.AUTOSCALING_POLICY).violations(policy), "int-or-string");
    policy.put("spec", Map.of("metrics", List.of()));
    assertEquals(
        List.of("spec.metrics: fewer than 1 items"),
        v04(ChildKind.AUTOSCALING_POLICY).violations(policy));
  }

  @Test
  void validatorRespectsPreserveUnknownFields() {
    Map<String, Object> serving =
        new LinkedHashMap<>(
            Map.of(
                "kind",
                "ModelServing",
                "spec",
                Map.of(
                    "plugins",
                        List.of(
                            Map.of("name", "p", "config", Map.of("anything", List.of(1, "two")))),
                    "template",
                        Map.of(
                            "roles",
                            List.of(
                                Map.of(
                                    "name",
                                    "leader",
                                    "replicas",
                                    1,
                                    "entryTemplate",
                                    Map.of("spec", Map.of("containers", List.of()))))))));
    List<String> found = v04(ChildKind.MODEL_SERVING).violations(serving);
    assertFalse(found.stream().anyMatch(v -> v.contains("anything")), found.toString());
    assertNotEquals(
        List.of(),
        v04(ChildKind.MODEL_SERVING)
            .violations(
                Map.of(
                    "spec",
                    Map.of(
                        "template", Map.of("roles", List.of(Map.of("name", "r", "bogus", 1)))))));
  }

  /**
   * On upstream's own golden children the validator finds exactly the drifts those files are known
   * to have, at both tags: the ModelServing template still writes {@code
   * topologySpreadConstraints}, which the type dropped, and some files misspell {@code envFrom} as
   * {@code envfrom} (Go's decoder is case-insensitive, the API server is not).
   */
  @ParameterizedTest
  @EnumSource(KthenaProfile.class)
  void validatorFindsTheKnownDriftInUpstreamGoldenFiles(KthenaProfile profile) {
    Map<String, ChildKind> files = new LinkedHashMap<>();
    for (String file :
        List.of(
            "model-serving.yaml",
            "disaggregated-model-serving.yaml",
            "disaggregated-model-serving-mooncake.yaml")) {
      files.put(file, ChildKind.MODEL_SERVING);
    }
    files.put("model-server.yaml", ChildKind.MODEL_SERVER);
    files.put("pd-model-server.yaml", ChildKind.MODEL_SERVER);
    files.put("model-route.yaml", ChildKind.MODEL_ROUTE);
    if (profile == KthenaProfile.V0_4) {
      files.put("scaling-asp.yaml", ChildKind.AUTOSCALING_POLICY);
      files.put("scaling-asp-binding.yaml", ChildKind.AUTOSCALING_POLICY_BINDING);
      files.put("optimize-asp-binding.yaml", ChildKind.AUTOSCALING_POLICY_BINDING);
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    Map<String, List<String>> drift = new LinkedHashMap<>();
    files.forEach(
        (file, kind) -> {
          found.put(
              file,
              schema(kind, profile).violations(Golden.expected(CrdSchema.release(profile), file)));
          drift.put(file, List.of());
        });
    drift.put(
        "model-serving.yaml",
        List.of(
            "spec.template.roles[0].entryTemplate.spec.initContainers[0].envfrom: unknown field",
            "spec.template.roles[0].workerTemplate.spec.initContainers[0].envfrom: unknown field",
            "spec.topologySpreadConstraints: unknown field"));
    assertEquals(drift, found);
  }

  /**
   * The three upstream v1.0.0 policy examples pass both the v1.0.0 schema and the webhook checker.
   */
  @ParameterizedTest
  @ValueSource(strings = {"servingGroup-autoscaler", "disaggregated-autoscaler", "role-autoscaler"})
  void upstreamV1PolicyExamplesPassSchemaAndWebhook(String example) {
    Map<String, Object> policy = upstreamPolicy(example);
    assertEquals(
        List.of(), schema(ChildKind.AUTOSCALING_POLICY, KthenaProfile.V1_0).violations(policy));
    List<String> cel = new ArrayList<>();
    v1PolicyCelProblems(ServingTrees.map(policy.get("spec")), cel);
    assertEquals(List.of(), cel);
    assertEquals(List.of(), PolicyWebhook.problems(ServingTrees.map(policy.get("spec"))));
  }

  /**
   * The webhook checker does refuse what the v1.0 webhook refuses (so its silence above means
   * something).
   */
  @Test
  void webhookCheckerRefusesBrokenPolicies() {
    Map<String, Object> spec =
        ServingTrees.map(upstreamPolicy("disaggregated-autoscaler").get("spec"));
    Map<String, Object> roles =
        ServingTrees.map(ServingTrees.map(spec.get("disaggregatedTarget")).get("roles"));
    ServingTrees.map(roles.get("prefill")).put("minReplicas", 9);
    ServingTrees.map(roles.get("decode")).remove("metricSources");
    Map<String, Object> ratio =
        ServingTrees.map(ServingTrees.map(spec.get("disaggregatedTarget")).get("ratioConstraint"));
    ratio.put("minRatio", "0.1");
    ratio.put("maxRatio", "0.2");
    spec.put("homogeneousTarget", Map.of());
    assertEquals(
        List.of(
            "spec: exactly one of homogeneousTarget, heterogeneousTarget, or disaggregatedTarget must be "
                + "set"),
        PolicyWebhook.problems(spec));
    spec.remove("homogeneousTarget");
    assertEquals(
        List.of(
            "spec.disaggregatedTarget.roles[prefill].minReplicas: minReplicas must be <= maxReplicas",
            "spec.disaggregatedTarget.roles[decode].metricSources: must be set on every non-fixed role when metrics are "
                + "configured",
            "spec.disaggregatedTarget.ratioConstraint: ratioConstraint is not achievable within role "
                + "replica bounds"),
        PolicyWebhook.problems(spec));

    Map<String, Object> homogeneous =
        ServingTrees.map(upstreamPolicy("servingGroup-autoscaler").get("spec"));
    homogeneous.put(
        "metrics",
        List.of(Map.of("name", "a", "targetValue", "0"), Map.of("name", "a", "targetValue", 1)));
    ServingTrees.map(
            ServingTrees.map(ServingTrees.map(homogeneous.get("homogeneousTarget")).get("target"))
                .get("targetRef"))
        .put("kind", "Deployment");
    ServingTrees.map(ServingTrees.map(homogeneous.get("behavior")).get("scaleDown"))
        .put("period", "31m");
    assertEquals(
        List.of(
            "spec.metrics[0].targetValue: metric target value must be greater than 0 and not equal to "
                + "infinity",
            "spec.metrics[1].name: duplicate metric name a is not allowed",
            "spec.homogeneousTarget.target.targetRef.kind: targetRef.kind must be ModelServing, but got Deployment",
            "spec.behavior.scaleDown.period: must be between 0 and 30 minutes, got 31m"),
        PolicyWebhook.problems(homogeneous));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> upstreamPolicy(String example) {
    try {
      return YAMLMapper.builder()
          .build()
          .readValue(
              Files.readString(
                  Golden.file(
                      "v1.0.0",
                      "examples/prometheus-autoscaler/" + example + "/autoscalerPolicy.yaml")),
              Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CrdSchema v04(ChildKind kind) {
    return schema(kind, KthenaProfile.V0_4);
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

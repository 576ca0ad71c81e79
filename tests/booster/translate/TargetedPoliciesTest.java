package booster.translate;

import static booster.translate.TranslatorTest.parse;
import static booster.translate.TranslatorTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.InvalidInputException;
import booster.api.ModelBooster;
import booster.api.Problem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Profile v1.0's autoscaling: one AutoscalingPolicy per former policy + binding pair, carrying its
 * target and one pod metric source per metric; and prefill/decode role autoscaling, which only v1.0
 * can express. Expected values are written out from the input booster, never taken from our output.
 */
class TargetedPoliciesTest {
  private static final Translator V10 = TranslatorTest.translator(KthenaProfile.V1_0);
  private static final Translator V04 = TranslatorTest.translator(KthenaProfile.V0_4);
  private static final Map<String, Object> LEADER =
      Map.of("matchLabels", Map.of(Labels.ROLE, "leader"));

  /** A prefill role scaling from 1 to 3 inside a fixed serving group; decode fixed at 2. */
  static final String ROLE_SCALING =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: roles, namespace: ns, uid: u}
      spec:
        autoscalingPolicy:
          metrics:
            - {metricName: "kthena:num_requests_waiting", targetValue: 10}
            - {metricName: "vllm:gpu_cache_usage_perc", targetValue: 800m}
        backend:
          name: pd
          type: vLLMDisaggregated
          modelURI: s3://bucket/model
          minReplicas: 2
          maxReplicas: 2
          env: [{name: RUNTIME_PORT, value: "9100"}]
          workers:
            - {type: prefill, image: vllm:1, replicas: 1, maxReplicas: 3}
            - {type: decode, image: vllm:1, replicas: 2}
      """;

  /**
   * The v0.4.0 golden input {@code model.yaml} (a vLLM backend with a model-level policy and
   * RUNTIME_PORT 8900) in the v1.0 schema, following upstream's own unreleased v1.0 mapping: the
   * policy spec with metricName renamed to name, plus a homogeneousTarget on ModelServing {@code
   * <m>-<b>} with one pod source per metric, scraping the leader pods. Two documented differences:
   * the behaviour objects upstream's Go types always serialise (so the CRD defaults apply), and the
   * runtime port (docs/design.md §2.6), which upstream left at the default 8100.
   */
  @Test
  void v040ModelYamlBecomesOneHomogeneousPolicy() {
    ModelBooster booster = Golden.input("v0.4.0", "model.yaml");
    GenericKubernetesResource policy =
        TranslatorTest.child(V10.translate(booster), "AutoscalingPolicy");

    assertEquals("test-model-backend1", policy.getMetadata().getName());
    Map<String, String> labels = new LinkedHashMap<>(policy.getMetadata().getLabels());
    assertTrue(labels.remove(Labels.REVISION).matches("[4-9bcdf]{1,10}"));
    assertEquals(Labels.base(booster, "backend1"), labels);
    assertEquals(
        List.of(OwnerReferences.controller(booster)), policy.getMetadata().getOwnerReferences());

    String metric = "vllm:iteration_tokens_total";
    assertEquals(
        metric, booster.getSpec().getAutoscalingPolicy().getMetrics().get(0).getMetricName());
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("name", metric);
    pod.put("port", 8900);
    pod.put("labelSelector", LEADER);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("metrics", List.of(Map.of("name", metric, "targetValue", "10")));
    expected.put(
        "behavior",
        Map.of(
            "scaleUp",
            Map.of("stablePolicy", Map.of(), "panicPolicy", Map.of("period", "0s")),
            "scaleDown",
            Map.of()));
    expected.put(
        "homogeneousTarget",
        Map.of(
            "target",
                Map.of(
                    "targetRef", Map.of("kind", "ModelServing", "name", "test-model-backend1"),
                    "metricSources", Map.of(metric, Map.of("pod", pod))),
            "minReplicas", 0,
            "maxReplicas", 1));
    assertEquals(expected, Golden.tree(policy).get("spec"));
  }

  @Test
  void legacyModelLevelPolicyIsOneHeterogeneousPolicy() {
    List<GenericKubernetesResource> children = V10.translate(parse(TranslatorTest.THREE_BACKENDS));
    Map<String, Object> spec = spec(TranslatorTest.child(children, "AutoscalingPolicy"));
    assertEquals(
        List.of(Map.of("name", "kthena:num_requests_waiting", "targetValue", "5")),
        spec.get("metrics"));
    Map<String, Object> target = Masks.map(spec, "heterogeneousTarget");
    assertEquals(
        200, target.get("costExpansionRatePercent"), "legacy default applied in the translator");
    List<Map<String, Object>> params = Masks.list(target.get("params"));
    assertEquals(
        List.of("trio-small", "trio-medium", "trio-large"),
        params.stream()
            .map(p -> Masks.map(Masks.map(p, "target"), "targetRef").get("name"))
            .toList());
    assertEquals(List.of(1, 0, 1), params.stream().map(p -> p.get("minReplicas")).toList());
    assertEquals(List.of(2, 3, 4), params.stream().map(p -> p.get("maxReplicas")).toList());
    assertEquals(List.of(3, 9), List.of(params.get(0).get("cost"), params.get(2).get("cost")));
    assertFalse(params.get(1).containsKey("cost"), "a cost of 0 is left out");
    String metric = "kthena:num_requests_waiting";
    assertEquals(
        Map.of(metric, Map.of("pod", Map.of("name", metric, "labelSelector", LEADER))),
        sources(params.get(0)));
    assertEquals(
        Map.of(
            metric, Map.of("pod", Map.of("name", metric, "port", 8200, "labelSelector", LEADER))),
        sources(params.get(1)),
        "metrics scraped on RUNTIME_PORT");
    assertEquals(
        Map.of(metric, Map.of("pod", Map.of("name", metric))),
        sources(params.get(2)),
        "no leader selector for a disaggregated backend");
    assertEquals(
        List.of(),
        children.stream().filter(c -> c.getKind().equals("AutoscalingPolicyBinding")).toList());
  }

  @Test
  void legacyBackendLevelPoliciesAreHomogeneousPerBackend() {
    ModelBooster booster = Golden.input("v0.1.0", "model.yaml");
    GenericKubernetesResource policy =
        TranslatorTest.child(V10.translate(booster), "AutoscalingPolicy");
    assertEquals("test-model-backend1", policy.getMetadata().getName());
    assertEquals("backend1", policy.getMetadata().getLabels().get(Labels.BACKEND_NAME));
    Map<String, Object> homogeneous = Masks.map(spec(policy), "homogeneousTarget");
    assertEquals(
        List.of(0, 1), List.of(homogeneous.get("minReplicas"), homogeneous.get("maxReplicas")));
    assertEquals(
        Map.of("kind", "ModelServing", "name", "test-model-backend1"),
        Masks.map(homogeneous, "target").get("targetRef"));
  }

  /** Without a role maxReplicas a disaggregated backend scales whole serving groups, as on v0.4. */
  @Test
  void disaggregatedBackendWithoutRoleBoundsScalesServingGroups() {
    String yaml =
        ROLE_SCALING.replace(", maxReplicas: 3}", "}").replace("maxReplicas: 2", "maxReplicas: 5");
    assertFalse(yaml.equals(ROLE_SCALING), "fixture edit applied");
    ModelBooster booster = parse(yaml);
    Map<String, Object> spec =
        spec(TranslatorTest.child(V10.translate(booster), "AutoscalingPolicy"));
    assertFalse(spec.containsKey("disaggregatedTarget"));
    Map<String, Object> homogeneous = Masks.map(spec, "homogeneousTarget");
    assertEquals(
        List.of(2, 5), List.of(homogeneous.get("minReplicas"), homogeneous.get("maxReplicas")));
    assertEquals(
        List.of("kthena:num_requests_waiting", "vllm:gpu_cache_usage_perc"),
        List.copyOf(sources(homogeneous).keySet()),
        "one source per metric, in order");
    assertEquals(
        Map.of("pod", Map.of("name", "vllm:gpu_cache_usage_perc", "port", 9100)),
        sources(homogeneous).get("vllm:gpu_cache_usage_perc"));
  }

  /**
   * Role autoscaling: each role between its worker's replicas and maxReplicas (or fixed), groups
   * untouched.
   */
  @Test
  void roleMaxReplicasGivesADisaggregatedTarget() {
    ModelBooster booster = parse(ROLE_SCALING);
    List<GenericKubernetesResource> children = V10.translate(booster);
    Map<String, Object> spec = spec(TranslatorTest.child(children, "AutoscalingPolicy"));
    assertFalse(spec.containsKey("homogeneousTarget"));
    Map<String, Object> sources = new LinkedHashMap<>();
    for (String metric : List.of("kthena:num_requests_waiting", "vllm:gpu_cache_usage_perc")) {
      sources.put(metric, Map.of("pod", Map.of("name", metric, "port", 9100)));
    }
    Map<String, Object> roles = new LinkedHashMap<>();
    roles.put("prefill", Map.of("minReplicas", 1, "maxReplicas", 3, "metricSources", sources));
    roles.put("decode", Map.of("minReplicas", 2, "maxReplicas", 2, "metricSources", sources));
    assertEquals(
        Map.of(
            "targetRef",
            Map.of(
                "apiVersion",
                "workload.serving.volcano.sh/v1alpha1",
                "kind",
                "ModelServing",
                "name",
                "roles-pd"),
            "roles",
            roles),
        spec.get("disaggregatedTarget"));
    assertEquals(
        List.of("prefill", "decode"),
        List.copyOf(ServingTrees.map(Masks.map(spec, "disaggregatedTarget").get("roles")).keySet()),
        "role order");

    Map<String, Object> serving = Golden.tree(TranslatorTest.child(children, "ModelServing"));
    assertEquals(
        2,
        ServingTrees.spec(serving).get("replicas"),
        "serving groups stay at minReplicas = maxReplicas");
    assertEquals(
        1, ServingTrees.role(serving, 0).get("replicas"), "the prefill role starts at its minimum");
  }

  /**
   * Profile v0.4 has no way to scale roles, so the booster is refused there, naming the field
   * (design.md §5.1).
   */
  @Test
  void profileV04RefusesRoleAutoscaling() {
    ModelBooster booster = parse(ROLE_SCALING);
    assertEquals(List.of(), V10.validate(booster));
    assertEquals(
        List.of(
            Problem.error(
                "spec.backend.workers[0].maxReplicas",
                "Forbidden: role autoscaling needs "
                    + "Kthena v1.0; this render is for Kthena v0.4, whose autoscaling scales whole serving groups")),
        V04.validate(booster));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> V04.translate(booster));
    assertTrue(
        e.getMessage()
            .contains(
                "spec.backend.workers[0].maxReplicas: Forbidden: role autoscaling needs "
                    + "Kthena v1.0"),
        e.getMessage());
  }

  @Test
  void fixedReplicasGiveNoAutoscalingChildInEitherProfile() {
    for (Translator translator : List.of(V04, V10)) {
      List<String> kinds =
          translator.translate(Golden.input("v1.0.0", "model.yaml")).stream()
              .map(GenericKubernetesResource::getKind)
              .toList();
      assertEquals(List.of("ModelServing", "ModelServer", "ModelRoute"), kinds);
    }
  }

  private static Map<String, Object> sources(Map<String, Object> holder) {
    return Masks.map(Masks.map(holder, "target"), "metricSources");
  }
}

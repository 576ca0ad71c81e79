package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.api.WorkerType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole translation: order, naming, labels, owner references, determinism, the legacy
 * multi-backend case. Both profiles where the output differs; profile v0.4 (policy + binding)
 * otherwise.
 */
class TranslatorTest {
  private static final Translator TRANSLATOR = translator(KthenaProfile.V0_4);

  /**
   * Three legacy backends: weights 20, 30 and absent; adapters a+c, c, b; a model-level policy, no
   * expansion rate.
   */
  static final String THREE_BACKENDS =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: trio, namespace: lab, uid: uid-3}
      spec:
        modelMatch:
          headers: {tenant: {exact: blue}}
          body: {model: ignored}
        autoscalingPolicy:
          metrics: [{metricName: "kthena:num_requests_waiting", targetValue: 5}]
        backends:
          - name: small
            type: vLLM
            modelURI: hf://org/small
            minReplicas: 1
            maxReplicas: 2
            routeWeight: 20
            scalingCost: 3
            loraAdapters: [{name: c, artifactURL: hf://org/c}, {name: a, artifactURL: hf://org/a}]
            workers: [{type: server, image: vllm:1, replicas: 1, pods: 1}]
          - name: medium
            type: vLLM
            modelURI: hf://org/medium
            minReplicas: 0
            maxReplicas: 3
            routeWeight: 30
            env: [{name: RUNTIME_PORT, value: "8200"}]
            loraAdapters: [{name: c, artifactURL: hf://org/c}]
            workers: [{type: server, image: vllm:1, replicas: 1, pods: 2}]
          - name: large
            type: vLLMDisaggregated
            modelURI: hf://org/large
            minReplicas: 1
            maxReplicas: 4
            scalingCost: 9
            loraAdapters: [{name: b, artifactURL: hf://org/b}]
            workers:
              - {type: prefill, image: vllm:1, replicas: 1, pods: 1}
              - {type: decode, image: vllm:1, replicas: 1, pods: 1}
      """;

  static Translator translator(KthenaProfile profile) {
    return new Translator(TranslatorConfig.defaults(profile));
  }

  static List<ModelBooster> known() {
    List<ModelBooster> all = new ArrayList<>();
    all.add(parse(THREE_BACKENDS));
    SampleBoosters.all().forEach(source -> all.add(source.booster()));
    return all;
  }

  /** Every booster we know with each profile that can render it. */
  static Stream<Arguments> boosters() {
    List<Arguments> out = new ArrayList<>();
    for (KthenaProfile profile : KthenaProfile.values()) {
      known().stream()
          .filter(b -> SampleBoosters.renderable(b, profile))
          .forEach(b -> out.add(Arguments.of(profile, b)));
    }
    return out.stream();
  }

  /** The boosters both profiles render. */
  static Stream<ModelBooster> boostersOfBothProfiles() {
    return known().stream().filter(b -> SampleBoosters.renderable(b, KthenaProfile.V0_4));
  }

  @ParameterizedTest
  @MethodSource("boosters")
  void sameBoosterTwiceGivesByteIdenticalYaml(KthenaProfile profile, ModelBooster booster) {
    Translator translator = translator(profile);
    String first = Serialization.asYaml(translator.translate(booster));
    ModelBooster copy = parse(Serialization.asYaml(booster));
    assertEquals(first, Serialization.asYaml(translator.translate(booster)));
    assertEquals(
        first,
        Serialization.asYaml(translator.translate(copy)),
        "a re-read booster renders the same");
  }

  @ParameterizedTest
  @MethodSource("boosters")
  void childrenComeInApplyOrderWithLabelsAndOneControllerReference(
      KthenaProfile profile, ModelBooster booster) {
    List<GenericKubernetesResource> children = translator(profile).translate(booster);
    int backends = booster.getSpec().allBackends().size();
    List<String> kinds = children.stream().map(GenericKubernetesResource::getKind).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < backends; i++) {
      expected.add("ModelServing");
    }
    for (int i = 0; i < backends; i++) {
      expected.add("ModelServer");
    }
    int routes =
        1 + (booster.getSpec().getRoutes() == null ? 0 : booster.getSpec().getRoutes().size());
    for (int i = 0; i < routes; i++) {
      expected.add("ModelRoute");
    }
    int perPolicy = profile == KthenaProfile.V0_4 ? 2 : 1;
    for (int i = expected.size(); i < kinds.size(); i += perPolicy) {
      expected.add("AutoscalingPolicy");
      if (profile == KthenaProfile.V0_4) {
        expected.add("AutoscalingPolicyBinding");
      }
    }
    assertEquals(expected, kinds);
    for (GenericKubernetesResource child : children) {
      assertLabelsAndOwner(booster, child);
    }
  }

  private static void assertLabelsAndOwner(ModelBooster booster, GenericKubernetesResource child) {
    String what = child.getKind() + " " + child.getMetadata().getName();
    Map<String, String> labels = child.getMetadata().getLabels();
    assertEquals(Labels.SEED_MANAGED_BY_VALUE, labels.get(Labels.SEED_MANAGED_BY), what);
    assertEquals(booster.getMetadata().getName(), labels.get(Labels.MODEL_NAME), what);
    assertTrue(labels.containsKey(Labels.BACKEND_NAME), what);
    assertEquals(Labels.MANAGED_BY_VALUE, labels.get(Labels.MANAGED_BY), what);
    assertEquals(Labels.uid(booster), labels.get(Labels.MODEL_UID), what);
    assertTrue(labels.get(Labels.REVISION).matches("^[4-9bcdf]{1,10}$"), what);
    assertEquals(6, labels.size(), what + ": " + labels);
    List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
    assertEquals(1, refs.size(), what);
    assertEquals(OwnerReferences.controller(booster), refs.get(0), what);
    assertTrue(refs.get(0).getController() && refs.get(0).getBlockOwnerDeletion(), what);
    assertEquals(booster.getMetadata().getNamespace(), child.getMetadata().getNamespace(), what);
  }

  @Test
  void childrenAreNamedAfterTheBoosterAndBackends() {
    List<String> names =
        TRANSLATOR.translate(parse(THREE_BACKENDS)).stream()
            .map(
                c ->
                    c.getKind()
                        + "/"
                        + c.getMetadata().getName()
                        + "/"
                        + c.getMetadata().getLabels().get(Labels.BACKEND_NAME))
            .toList();
    assertEquals(
        List.of(
            "ModelServing/trio-small/small",
            "ModelServing/trio-medium/medium",
            "ModelServing/trio-large/large",
            "ModelServer/trio-small/small",
            "ModelServer/trio-medium/medium",
            "ModelServer/trio-large/large",
            "ModelRoute/trio/",
            "AutoscalingPolicy/trio/",
            "AutoscalingPolicyBinding/trio/"),
        names);

    List<String> current =
        TRANSLATOR.translate(Golden.input("v0.4.0", "model.yaml")).stream()
            .map(c -> c.getKind() + "/" + c.getMetadata().getName())
            .toList();
    assertEquals(
        List.of(
            "ModelServing/test-model-backend1",
            "ModelServer/test-model-backend1",
            "ModelRoute/test-model",
            "AutoscalingPolicy/test-model-backend1",
            "AutoscalingPolicyBinding/test-model-backend1"),
        current);
  }

  /**
   * Profile v1.0 writes the same children but one policy in place of each policy + binding pair,
   * same name.
   */
  @Test
  void profileV10ReplacesEachPairByItsPolicy() {
    for (ModelBooster booster :
        List.of(parse(THREE_BACKENDS), Golden.input("v0.4.0", "model.yaml"))) {
      List<String> v04 =
          TRANSLATOR.translate(booster).stream()
              .filter(c -> !c.getKind().equals("AutoscalingPolicyBinding"))
              .map(c -> c.getKind() + "/" + c.getMetadata().getName())
              .toList();
      List<String> v10 =
          translator(KthenaProfile.V1_0).translate(booster).stream()
              .map(c -> c.getKind() + "/" + c.getMetadata().getName())
              .toList();
      assertEquals(v04, v10);
    }
  }

  /** Only the autoscaling children depend on the profile. */
  @ParameterizedTest
  @MethodSource("boostersOfBothProfiles")
  void servingServerAndRouteAreTheSameInBothProfiles(ModelBooster booster) {
    List<GenericKubernetesResource> v04 =
        TRANSLATOR.translate(booster).stream()
            .filter(c -> !c.getKind().startsWith("Autoscaling"))
            .toList();
    List<GenericKubernetesResource> v10 =
        translator(KthenaProfile.V1_0).translate(booster).stream()
            .filter(c -> !c.getKind().startsWith("Autoscaling"))
            .toList();
    assertEquals(Serialization.asYaml(v04), Serialization.asYaml(v10));
  }

  @Test
  void legacyThreeBackendRouteHasWeightsAndPerAdapterRules() {
    Map<String, Object> spec =
        spec(child(TRANSLATOR.translate(parse(THREE_BACKENDS)), "ModelRoute"));
    assertEquals("trio", spec.get("modelName"));
    assertEquals(List.of("a", "b", "c"), spec.get("loraAdapters"));
    List<Map<String, Object>> rules = Masks.list(spec.get("rules"));
    assertEquals(
        List.of("default", "a", "b", "c"), rules.stream().map(r -> r.get("name")).toList());
    assertEquals(
        List.of("trio-small=20", "trio-medium=30", "trio-large=100"), targets(rules.get(0)));
    assertEquals(List.of("trio-small=20"), targets(rules.get(1)));
    assertEquals(List.of("trio-large=100"), targets(rules.get(2)));
    assertEquals(List.of("trio-small=20", "trio-medium=30"), targets(rules.get(3)));
    for (Map<String, Object> rule : rules) {
      Map<String, Object> match = Masks.map(rule, "modelMatch");
      String model = rule.get("name").equals("default") ? "trio" : rule.get("name").toString();
      assertEquals(Map.of("model", model), match.get("body"), "body.model overrides the user's");
      assertEquals(Map.of("tenant", Map.of("exact", "blue")), match.get("headers"), "headers kept");
    }
  }

  @Test
  void legacyModelLevelPolicyGivesOneHeterogeneousBindingWithAParamPerBackend() {
    List<GenericKubernetesResource> children = TRANSLATOR.translate(parse(THREE_BACKENDS));
    Map<String, Object> spec = spec(child(children, "AutoscalingPolicyBinding"));
    assertEquals(Map.of("name", "trio"), spec.get("policyRef"));
    assertFalse(spec.containsKey("homogeneousTarget"));
    Map<String, Object> target = Masks.map(spec, "heterogeneousTarget");
    assertEquals(
        200, target.get("costExpansionRatePercent"), "legacy default applied in the translator");
    List<Map<String, Object>> params = Masks.list(target.get("params"));
    assertEquals(3, params.size());
    assertEquals(
        List.of("trio-small", "trio-medium", "trio-large"),
        params.stream()
            .map(p -> Masks.map(Masks.map(p, "target"), "targetRef").get("name"))
            .toList());
    assertEquals(List.of(1, 0, 1), params.stream().map(p -> p.get("minReplicas")).toList());
    assertEquals(List.of(2, 3, 4), params.stream().map(p -> p.get("maxReplicas")).toList());
    assertEquals(3, params.get(0).get("cost"));
    assertFalse(params.get(1).containsKey("cost"), "a cost of 0 is left out");
    assertEquals(9, params.get(2).get("cost"));
    Map<String, Object> leader =
        Map.of("labelSelector", Map.of("matchLabels", Map.of(Labels.ROLE, WorkerType.LEADER_ROLE)));
    assertEquals(leader, Masks.map(params.get(0), "target").get("metricEndpoint"));
    assertEquals(
        Map.of("port", 8200, "labelSelector", leader.get("labelSelector")),
        Masks.map(params.get(1), "target").get("metricEndpoint"),
        "metrics scraped on RUNTIME_PORT");
    assertFalse(
        Masks.map(params.get(2), "target").containsKey("metricEndpoint"),
        "no leader selector for a disaggregated backend");
    assertEquals(1, children.stream().filter(c -> c.getKind().equals("AutoscalingPolicy")).count());
  }

  @Test
  void legacyModelServersSelectTheirOwnBackend() {
    List<GenericKubernetesResource> servers =
        TRANSLATOR.translate(parse(THREE_BACKENDS)).stream()
            .filter(c -> c.getKind().equals("ModelServer"))
            .toList();
    List<Object> selectors =
        servers.stream()
            .map(s -> Masks.map(Masks.map(spec(s), "workloadSelector"), "matchLabels"))
            .map(Object.class::cast)
            .toList();
    assertEquals(
        List.of(
            Map.of(Labels.MODEL_UID, "uid-3", Labels.BACKEND_NAME, "small"),
            Map.of(Labels.MODEL_UID, "uid-3", Labels.BACKEND_NAME, "medium", Labels.ENTRY, "true"),
            Map.of(Labels.MODEL_UID, "uid-3", Labels.BACKEND_NAME, "large")),
        selectors);
  }

  static ModelBooster parse(String yaml) {
    return Serialization.unmarshal(yaml, ModelBooster.class);
  }

  static GenericKubernetesResource child(List<GenericKubernetesResource> children, String kind) {
    List<GenericKubernetesResource> found =
        children.stream().filter(c -> c.getKind().equals(kind)).toList();
    assertEquals(1, found.size(), kind);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource child) {
    return (Map<String, Object>) child.getAdditionalProperties().get("spec");
  }

  private static List<String> targets(Map<String, Object> rule) {
    return Masks.list(rule.get("targetModels")).stream()
        .map(t -> t.get("modelServerName") + "=" + t.get("weight"))
        .toList();
  }
}

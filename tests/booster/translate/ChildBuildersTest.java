package booster.translate;

import static booster.translate.TranslatorTest.parse;
import static booster.translate.TranslatorTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules of the ModelServer, ModelRoute and autoscaling builders that the golden files do not
 * reach.
 */
class ChildBuildersTest {

  /** A current-shape booster; {@code %s} is the backend (type and workers). */
  private static ModelBooster current(String backendTail) {
    return parse(
        """
        apiVersion: workload.serving.volcano.sh/v1alpha1
        kind: ModelBooster
        metadata: {name: m, namespace: ns, uid: u}
        spec:
          backend:
            name: b
            modelURI: hf://org/model
            minReplicas: 1
            maxReplicas: 1
        """
            + backendTail.indent(4));
  }

  private static Map<String, Object> serverSpec(ModelBooster booster) {
    return spec(
        ModelServers.build(
            new BackendContext(
                booster,
                booster.getSpec().getBackend(),
                TranslatorConfig.defaults(KthenaProfile.V1_0))));
  }

  // ---- ModelServer ----

  @Test
  void servedModelNameDefaultsToTheBoosterName() {
    assertEquals(
        "m", serverSpec(current("type: vLLM\nworkers: [{type: server, image: i}]")).get("model"));
  }

  @Test
  void servedModelNameIsTheFirstStringOfAServerOrDecodeWorker() {
    ModelBooster pd =
        current(
            """
        type: vLLMDisaggregated
        workers:
          - {type: prefill, image: i, config: {served-model-name: from-prefill}}
          - {type: decode, image: i, config: {served-model-name: [not, a, string]}}
          - {type: decode, image: i, config: {served-model-name: from-decode}}
          - {type: decode, image: i, config: {served-model-name: too-late}}
        """);
    assertEquals("from-decode", serverSpec(pd).get("model"));
  }

  @Test
  void aConsideredWorkerWithoutConfigEndsTheScan() {
    ModelBooster pd =
        current(
            """
        type: vLLMDisaggregated
        workers:
          - {type: decode, image: i}
          - {type: decode, image: i, config: {served-model-name: unseen}}
        """);
    assertEquals("m", serverSpec(pd).get("model"));
  }

  @Test
  void kvConnectorAcceptsBothGenerationsAndTheLaterWorkerWins() {
    String mooncakeV1 = "'{\"kv_connector\":\"MooncakeConnectorV1\"}'";
    String nixl = "'{\"kv_connector\":\"NixlConnector\"}'";
    String unknown = "'{\"kv_connector\":\"SomethingElse\"}'";
    assertEquals(
        Map.of("type", "mooncake"), serverSpec(pd(mooncakeV1, mooncakeV1)).get("kvConnector"));
    assertEquals(Map.of("type", "nixl"), serverSpec(pd(mooncakeV1, nixl)).get("kvConnector"));
    assertEquals(
        Map.of("type", "mooncake"),
        serverSpec(pd(mooncakeV1, unknown)).get("kvConnector"),
        "an unknown name does not override");
    assertFalse(serverSpec(pd(unknown, unknown)).containsKey("kvConnector"));
  }

  @Test
  void invalidKvTransferConfigNamesTheBackendAndWorker() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> serverSpec(pd("'{not json'", "'{}'")));
    assertTrue(
        e.getMessage().startsWith("backend b, prefill worker: kv-transfer-config"), e.getMessage());
  }

  private static ModelBooster pd(String prefillTransfer, String decodeTransfer) {
    return current(
        "type: vLLMDisaggregated\nworkers:\n"
            + "  - {type: prefill, image: i, config: {kv-transfer-config: "
            + prefillTransfer
            + "}}\n"
            + "  - {type: decode, image: i, config: {kv-transfer-config: "
            + decodeTransfer
            + "}}\n");
  }

  @Test
  void serverShapeIsFixedPortRetryAndEngine() {
    Map<String, Object> spec =
        serverSpec(current("type: vLLM\nworkers: [{type: server, image: i, pods: 1}]"));
    assertEquals("vLLM", spec.get("inferenceEngine"));
    assertEquals(Map.of("port", 8000), spec.get("workloadPort"));
    assertEquals(
        Map.of("retry", Map.of("attempts", 5, "retryInterval", "0s")), spec.get("trafficPolicy"));
    assertEquals(
        Map.of("matchLabels", Map.of(Labels.MODEL_UID, "u")),
        spec.get("workloadSelector"),
        "one backend, one pod per replica: upstream's selector");
  }

  /**
   * Upstream's "invalid backend type" case; our validation rejects such a booster before
   * translation.
   */
  @Test
  void anUntranslatableTypeIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> serverSpec(current("type: SGLang\nworkers: [{type: server, image: i}]")));
    assertEquals("not support SGLang backend yet, please use vLLM backend", e.getMessage());
  }

  // ---- ModelRoute ----

  @Test
  void currentRouteCopiesTheMatchAndWritesNoWeight() {
    ModelBooster booster = current("type: vLLM\nworkers: [{type: server, image: i}]");
    booster
        .getSpec()
        .setModelMatch(
            parse(
                    """
        apiVersion: workload.serving.volcano.sh/v1alpha1
        kind: ModelBooster
        metadata: {name: x}
        spec: {modelMatch: {uri: {prefix: /v1}, body: {model: kept}}}
        """)
                .getSpec()
                .getModelMatch());
    Map<String, Object> spec = spec(ModelRoutes.build(booster).get(0));
    assertEquals(
        Map.of(
            "modelName",
            "m",
            "rules",
            List.of(
                Map.of(
                    "name",
                    "default",
                    "modelMatch",
                    Map.of("uri", Map.of("prefix", "/v1"), "body", Map.of("model", "kept")),
                    "targetModels",
                    List.of(Map.of("modelServerName", "m-b"))))),
        spec);
  }

  @Test
  void legacySingleBackendRouteKeepsTheMatchAndDefaultsTheWeight() {
    ModelBooster booster = Golden.input("v0.1.0", "model.yaml");
    Map<String, Object> spec = spec(ModelRoutes.build(booster).get(0));
    assertEquals(List.of("lora-sql"), spec.get("loraAdapters"));
    assertEquals(
        List.of(
            Map.of(
                "name",
                "default",
                "targetModels",
                List.of(Map.of("modelServerName", "test-model-backend1", "weight", 100)))),
        spec.get("rules"));
  }

  // ---- autoscaling (profile v0.4 here; v1.0 in TargetedPoliciesTest) ----

  private static final KthenaProfile V04 = KthenaProfile.V0_4;

  @Test
  void policyAlwaysCarriesTheEmptyBehaviourObjectsUpstreamSerialises() {
    Map<String, Object> spec =
        spec(Autoscaling.build(Golden.input("v0.4.0", "model.yaml"), V04).get(0));
    assertEquals(
        Map.of(
            "scaleUp",
            Map.of("stablePolicy", Map.of(), "panicPolicy", Map.of("period", "0s")),
            "scaleDown",
            Map.of()),
        spec.get("behavior"));
    assertFalse(spec.containsKey("tolerancePercent"), "left to the CRD default 10");
  }

  @Test
  void policyKeepsTheUsersBehaviourAndFillsOnlyWhatIsMissing() {
    ModelBooster booster =
        current(
            """
        type: vLLM
        workers: [{type: server, image: i}]
        """);
    booster
        .getSpec()
        .setAutoscalingPolicy(
            parse(
                    """
        apiVersion: workload.serving.volcano.sh/v1alpha1
        kind: ModelBooster
        metadata: {name: x}
        spec:
          autoscalingPolicy:
            tolerancePercent: 5
            metrics: [{metricName: m, targetValue: 2500m}]
            behavior: {scaleDown: {instances: 2, stabilizationWindow: 5m}}
        """)
                .getSpec()
                .getAutoscalingPolicy());
    Map<String, Object> spec = spec(Autoscaling.build(booster, V04).get(0));
    assertEquals(5, spec.get("tolerancePercent"));
    assertEquals(List.of(Map.of("metricName", "m", "targetValue", "2500m")), spec.get("metrics"));
    assertEquals(
        Map.of(
            "scaleUp",
            Map.of("stablePolicy", Map.of(), "panicPolicy", Map.of("period", "0s")),
            "scaleDown",
            Map.of("instances", 2, "stabilizationWindow", "5m")),
        spec.get("behavior"));
  }

  @Test
  void disaggregatedBackendBindingHasNoLeaderSelector() {
    ModelBooster booster =
        current(
            """
        type: vLLMDisaggregated
        env: [{name: RUNTIME_PORT, value: "9100"}]
        workers: [{type: prefill, image: i}, {type: decode, image: i}]
        """);
    booster
        .getSpec()
        .setAutoscalingPolicy(
            Golden.input("v0.4.0", "model.yaml").getSpec().getAutoscalingPolicy());
    Map<String, Object> target =
        Masks.map(
            Masks.map(spec(Autoscaling.build(booster, V04).get(1)), "homogeneousTarget"), "target");
    assertEquals(Map.of("kind", "ModelServing", "name", "m-b"), target.get("targetRef"));
    assertEquals(Map.of("port", 9100), target.get("metricEndpoint"));
  }

  @Test
  void legacyBackendLevelPoliciesGivePairsInBackendOrder() {
    ModelBooster booster =
        parse(
            TranslatorTest.THREE_BACKENDS.replace(
                "  autoscalingPolicy:\n    metrics: "
                    + "[{metricName: \"kthena:num_requests_waiting\", targetValue: 5}]\n",
                ""));
    ModelBooster withPolicies = parse(TranslatorTest.THREE_BACKENDS);
    assertTrue(booster.getSpec().getAutoscalingPolicy() == null, "fixture edit applied");
    booster
        .getSpec()
        .getBackends()
        .get(0)
        .setAutoscalingPolicy(withPolicies.getSpec().getAutoscalingPolicy());
    booster
        .getSpec()
        .getBackends()
        .get(2)
        .setAutoscalingPolicy(withPolicies.getSpec().getAutoscalingPolicy());
    List<String> children =
        Autoscaling.build(booster, V04).stream()
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
            "AutoscalingPolicy/trio-small/small",
            "AutoscalingPolicyBinding/trio-small/small",
            "AutoscalingPolicy/trio-large/large",
            "AutoscalingPolicyBinding/trio-large/large"),
        children);
  }

  @Test
  void legacyModelLevelPolicyIsHeterogeneousEvenForOneBackend() {
    ModelBooster booster = Golden.input("v0.1.0", "model.yaml");
    booster
        .getSpec()
        .setAutoscalingPolicy(booster.getSpec().getBackends().get(0).getAutoscalingPolicy());
    List<GenericKubernetesResource> children = Autoscaling.build(booster, V04);
    assertEquals(
        List.of("test-model", "test-model"),
        children.stream().map(c -> c.getMetadata().getName()).toList());
    Map<String, Object> target = Masks.map(spec(children.get(1)), "heterogeneousTarget");
    assertEquals(1, Masks.list(target.get("params")).size());
    assertEquals(200, target.get("costExpansionRatePercent"));
  }

  @Test
  void anExpansionRateOfZeroIsLeftToTheCrdDefault() {
    ModelBooster booster = Golden.input("v0.1.0", "multi-backends-model.yaml");
    booster.getSpec().setCostExpansionRatePercent(0);
    assertFalse(
        Masks.map(spec(Autoscaling.build(booster, V04).get(1)), "heterogeneousTarget")
            .containsKey("costExpansionRatePercent"));
    booster.getSpec().setCostExpansionRatePercent(150);
    assertEquals(
        150,
        Masks.map(spec(Autoscaling.build(booster, V04).get(1)), "heterogeneousTarget")
            .get("costExpansionRatePercent"));
  }

  @ParameterizedTest
  @EnumSource(KthenaProfile.class)
  void noPolicyNoChildren(KthenaProfile profile) {
    assertEquals(
        List.of(),
        Autoscaling.build(current("type: vLLM\nworkers: [{type: server, image: i}]"), profile));
    assertEquals(
        List.of(),
        Autoscaling.build(Golden.input("v0.1.0", "pd-disaggregated-model.yaml"), profile));
    assertEquals(List.of(), Autoscaling.build(Golden.input("v1.0.0", "model.yaml"), profile));
  }
}

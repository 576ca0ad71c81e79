package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import booster.api.ModelBooster;
import booster.api.Problem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
 * Rate limits, gateways, extra routes and network topology in every manifest shape: what each field
 * becomes in the children, and that every child still matches the upstream CRDs of Kthena v0.4.0
 * and v1.0.0 (the example using all of it, examples/gateway-routes.yaml, is covered with the other
 * examples by {@link ChildSchemaTest}).
 */
class RoutesAndTopologyTest {
  /**
   * The v0.1 shape: two backends (vLLM and prefill/decode) with LoRA adapters, topology on both,
   * two routes.
   */
  static final String LEGACY =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: duo, namespace: lab, uid: uid-2}
      spec:
        modelMatch: {headers: {x-tier: {exact: gold}}}
        parentRefs: [{name: public, namespace: gateways}]
        rateLimit: {inputTokensPerUnit: 1000, unit: minute}
        backends:
          - name: dense
            type: vLLM
            modelURI: hf://org/dense
            minReplicas: 1
            maxReplicas: 1
            routeWeight: 70
            loraAdapters: [{name: sql, artifactURL: hf://org/sql}]
            networkTopology: {groupPolicy: {mode: hard, highestTierAllowed: 2}}
            workers: [{type: server, image: vllm:1, pods: 2}]
          - name: split
            type: vLLMDisaggregated
            modelURI: hf://org/split
            minReplicas: 1
            maxReplicas: 1
            loraAdapters: [{name: chat, artifactURL: hf://org/chat}]
            networkTopology: {rolePolicy: {mode: soft, highestTierName: rack}}
            workers:
              - {type: prefill, image: vllm:1}
              - {type: decode, image: vllm:1}
        routes:
          - name: acme
            modelName: duo-acme
            modelMatch: {headers: {x-tenant: {exact: acme}}}
            rateLimit:
              outputTokensPerUnit: 500
              global: {redis: {address: "redis.cache:6379"}}
            parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: internal, sectionName: https,
                          port: 443}]
          - name: second
            modelName: duo-v2
      """;

  /**
   * The v0.2+ shape, prefill/decode: a route under the booster name (no modelName) and one with a
   * local budget whose unit is left to the default.
   */
  static final String CURRENT =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: pd, namespace: lab}
      spec:
        parentRefs: [{name: public}, {name: mesh, group: "", kind: Service, port: 8080}]
        backend:
          name: pd
          type: vLLMDisaggregated
          modelURI: s3://bucket/model
          replicas: 1
          networkTopology:
            groupPolicy: {highestTierAllowed: 1}
            rolePolicy: {mode: hard, highestTierAllowed: 0}
          workers:
            - {type: prefill, image: vllm:1}
            - {type: decode, image: vllm:1}
        routes:
          - {name: plain}
          - {name: metered, modelName: pd-metered, rateLimit: {inputTokensPerUnit: 10}}
      """;

  static ModelBooster booster(String yaml) {
    return Serialization.unmarshal(yaml, ModelBooster.class);
  }

  private static List<GenericKubernetesResource> render(String yaml, KthenaProfile profile) {
    return new Translator(TranslatorConfig.defaults(profile)).translate(booster(yaml));
  }

  private static List<GenericKubernetesResource> routes(String yaml) {
    return render(yaml, KthenaProfile.V1_0).stream()
        .filter(c -> c.getKind().equals("ModelRoute"))
        .toList();
  }

  static Stream<Arguments> boostersAndProfiles() {
    List<Arguments> out = new ArrayList<>();
    for (KthenaProfile profile : KthenaProfile.values()) {
      out.add(Arguments.of("legacy", LEGACY, profile));
      out.add(Arguments.of("current", CURRENT, profile));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("boostersAndProfiles")
  void everyChildMatchesTheReleasesCrds(String name, String yaml, KthenaProfile profile) {
    ModelBooster booster = booster(yaml);
    List<Problem> problems = new Translator(TranslatorConfig.defaults(profile)).validate(booster);
    assertEquals(List.of(), problems, name + " is a valid booster without warnings");
    for (GenericKubernetesResource child : render(yaml, profile)) {
      ChildKind kind = ChildKind.ofKind(child.getKind());
      Map<String, Object> tree = Golden.tree(child);
      String what =
          name
              + " -> "
              + child.getKind()
              + " "
              + child.getMetadata().getName()
              + " ("
              + profile
              + ")";
      assertEquals(List.of(), ChildSchemaTest.schema(kind, profile).violations(tree), what);
      assertEquals(List.of(), ChildSchemaTest.metadataProblems(booster, child), what);
      assertEquals(List.of(), ChildSchemaTest.celProblems(kind, profile, tree), what);
    }
  }

  @Test
  void routesComeAfterTheMainOneNamedAfterTheBoosterWithTheSeedLabelAndController() {
    List<GenericKubernetesResource> routes = routes(LEGACY);
    assertEquals(
        List.of("duo", "duo-acme", "duo-second"),
        routes.stream().map(r -> r.getMetadata().getName()).toList());
    assertEquals(
        List.of("duo", "duo-acme", "duo-v2"),
        routes.stream().map(r -> spec(r).get("modelName")).toList());
    ModelBooster booster = booster(LEGACY);
    for (GenericKubernetesResource route : routes) {
      assertEquals(
          Labels.SEED_MANAGED_BY_VALUE,
          route.getMetadata().getLabels().get(Labels.SEED_MANAGED_BY));
      assertEquals("duo", route.getMetadata().getLabels().get(Labels.MODEL_NAME));
      assertEquals(
          List.of(OwnerReferences.controller(booster)), route.getMetadata().getOwnerReferences());
    }
    assertEquals(
        "pd", spec(routes(CURRENT).get(1)).get("modelName"), "without modelName: the booster name");
  }

  /** Same targets, weights and LoRA rules; each route's own match replaces the main route's. */
  @Test
  void extraRoutesHaveTheMainRoutesTargetsWeightsAndLoraRules() {
    List<GenericKubernetesResource> routes = routes(LEGACY);
    Map<String, Object> main = spec(routes.get(0));
    for (GenericKubernetesResource route : routes.subList(1, routes.size())) {
      Map<String, Object> extra = spec(route);
      assertEquals(List.of("chat", "sql"), extra.get("loraAdapters"));
      assertEquals(main.get("loraAdapters"), extra.get("loraAdapters"));
      List<Map<String, Object>> mainRules = Masks.list(main.get("rules"));
      List<Map<String, Object>> rules = Masks.list(extra.get("rules"));
      assertEquals(names(mainRules), names(rules));
      assertEquals(
          mainRules.stream().map(r -> r.get("targetModels")).toList(),
          rules.stream().map(r -> r.get("targetModels")).toList());
      for (Map<String, Object> rule : rules) {
        Object model =
            rule.get("name").equals("default") ? extra.get("modelName") : rule.get("name");
        assertEquals(Map.of("model", model), Masks.map(rule, "modelMatch").get("body"));
      }
    }
    assertEquals(
        List.of(
            Map.of("modelServerName", "duo-dense", "weight", 70),
            Map.of("modelServerName", "duo-split", "weight", 100)),
        Masks.list(main.get("rules")).get(0).get("targetModels"));
    assertEquals(
        Map.of("x-tier", Map.of("exact", "gold")),
        Masks.map(Masks.list(main.get("rules")).get(0), "modelMatch").get("headers"));
    assertEquals(
        Map.of("x-tenant", Map.of("exact", "acme")),
        Masks.map(Masks.list(spec(routes.get(1)).get("rules")).get(0), "modelMatch")
            .get("headers"));
    assertFalse(
        Masks.map(Masks.list(spec(routes.get(2)).get("rules")).get(0), "modelMatch")
            .containsKey("headers"),
        "nothing inherited from spec.modelMatch");
  }

  @Test
  void eachRouteCarriesItsOwnBudgetAndGatewaysOnly() {
    List<GenericKubernetesResource> routes = routes(LEGACY);
    assertEquals(
        List.of(Map.of("namespace", "gateways", "name", "public")),
        spec(routes.get(0)).get("parentRefs"));
    assertEquals(
        Map.of("inputTokensPerUnit", 1000, "unit", "minute"), spec(routes.get(0)).get("rateLimit"));
    assertEquals(
        List.of(
            Map.of(
                "group",
                "gateway.networking.k8s.io",
                "kind",
                "Gateway",
                "name",
                "internal",
                "sectionName",
                "https",
                "port",
                443)),
        spec(routes.get(1)).get("parentRefs"));
    assertEquals(
        Map.of(
            "outputTokensPerUnit",
            500,
            "unit",
            "second",
            "global",
            Map.of("redis", Map.of("address", "redis.cache:6379"))),
        spec(routes.get(1)).get("rateLimit"));
    assertFalse(
        spec(routes.get(2)).containsKey("parentRefs"), "nothing inherited from spec.parentRefs");
    assertFalse(
        spec(routes.get(2)).containsKey("rateLimit"), "nothing inherited from spec.rateLimit");
    assertEquals(
        List.of("modelName", "loraAdapters", "parentRefs", "rules", "rateLimit"),
        List.copyOf(spec(routes.get(1)).keySet()),
        "upstream's field order");
  }

  /**
   * The ModelRoute CRD requires the unit and defaults it; the child says which one the router
   * applies.
   */
  @Test
  void aBudgetWithoutUnitIsWrittenPerSecond() {
    assertEquals(
        Map.of("inputTokensPerUnit", 10, "unit", "second"),
        spec(routes(CURRENT).get(2)).get("rateLimit"));
    assertEquals(
        List.of(
            Map.of("name", "public"),
            Map.of("group", "", "kind", "Service", "name", "mesh", "port", 8080)),
        spec(routes(CURRENT).get(0)).get("parentRefs"),
        "an empty group (the core group) is kept");
  }

  @Test
  void networkTopologyReachesTheTemplateOfEveryBackendType() {
    List<GenericKubernetesResource> legacy = servings(LEGACY);
    assertEquals(
        Map.of("groupPolicy", Map.of("mode", "hard", "highestTierAllowed", 2)),
        template(legacy.get(0)).get("networkTopology"),
        "multi-node Ray");
    assertEquals(
        Map.of("rolePolicy", Map.of("mode", "soft", "highestTierName", "rack")),
        template(legacy.get(1)).get("networkTopology"),
        "prefill/decode");
    assertEquals(
        Map.of(
            "groupPolicy",
            Map.of("highestTierAllowed", 1),
            "rolePolicy",
            Map.of("mode", "hard", "highestTierAllowed", 0)),
        template(servings(CURRENT).get(0)).get("networkTopology"));
    ModelBooster single = Golden.input("v1.0.0", "model.yaml");
    single
        .getSpec()
        .getBackend()
        .setNetworkTopology(booster(CURRENT).getSpec().getBackend().getNetworkTopology());
    Map<String, Object> vllm = template(single);
    assertEquals(
        List.of("restartGracePeriodSeconds", "gangPolicy", "networkTopology", "roles"),
        List.copyOf(vllm.keySet()),
        "single-pod vLLM, in upstream's field order");
    assertFalse(
        template(Golden.input("v1.0.0", "model.yaml")).containsKey("networkTopology"),
        "none without the field");
  }

  /** {@code routes: []} is the same booster as no routes at all: one ModelRoute. */
  @Test
  void noExtraRoutesChangesNothing() {
    ModelBooster without = booster(CURRENT);
    without.getSpec().setRoutes(null);
    ModelBooster empty = booster(CURRENT);
    empty.getSpec().setRoutes(List.of());
    Translator translator = new Translator(TranslatorConfig.defaults(KthenaProfile.V1_0));
    List<GenericKubernetesResource> children = translator.translate(without);
    assertEquals(Serialization.asYaml(children), Serialization.asYaml(translator.translate(empty)));
    assertEquals(
        List.of("ModelServing/pd-pd", "ModelServer/pd-pd", "ModelRoute/pd"),
        children.stream().map(c -> c.getKind() + "/" + c.getMetadata().getName()).toList());
  }

  private static List<GenericKubernetesResource> servings(String yaml) {
    return render(yaml, KthenaProfile.V1_0).stream()
        .filter(c -> c.getKind().equals("ModelServing"))
        .toList();
  }

  private static Map<String, Object> template(ModelBooster booster) {
    return template(
        new Translator(TranslatorConfig.defaults(KthenaProfile.V1_0)).translate(booster).get(0));
  }

  private static Map<String, Object> template(GenericKubernetesResource serving) {
    return Masks.map(spec(serving), "template");
  }

  private static List<Object> names(List<Map<String, Object>> rules) {
    return rules.stream().map(r -> r.get("name")).toList();
  }

  private static Map<String, Object> spec(GenericKubernetesResource child) {
    return TranslatorTest.spec(child);
  }
}

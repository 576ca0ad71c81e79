package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cluster.LiveChildren;
import booster.cluster.Ownership;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The booster of examples/gateway-routes.yaml on a Kthena v1.0 cluster: its extra routes are
 * created, repaired and pruned like every child, and what the booster leaves out (a budget, a
 * gateway, a topology) leaves the children.
 */
@Timeout(60)
class ExtraRoutesTest {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v1.0.0");
  private static final String MAIN = "llama-70b";
  private static final String TENANT = "llama-70b-acme";
  private static final String ALIAS = "llama-70b-alias";
  private static final String SERVING = "llama-70b-h100";

  private Fixture f;

  @BeforeEach
  void start() throws IOException {
    ModelBooster booster =
        Serialization.unmarshal(
            Files.readString(Path.of("examples", "gateway-routes.yaml")), ModelBooster.class);
    booster.getMetadata().setNamespace(cluster.namespace());
    f = new Fixture(cluster, Running.options(cluster), booster);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private List<String> routes() {
    return LiveChildren.list(cluster.client(), cluster.namespace(), f.name)
        .of(ChildKind.MODEL_ROUTE)
        .stream()
        .map(r -> r.getMetadata().getName())
        .toList();
  }

  private Map<String, Object> route(String name) {
    return Fixture.spec(f.child(ChildKind.MODEL_ROUTE, name));
  }

  @Test
  void extraRoutesAreCreatedWithTheSeedLabelAndTheControllerReference() {
    Running.assertChildrenAreTheTranslation(cluster, f.name);
    assertEquals(List.of(MAIN, TENANT, ALIAS), routes());
    GenericKubernetesResource booster = Running.booster(cluster, f.name);
    for (String name : List.of(TENANT, ALIAS)) {
      GenericKubernetesResource route = f.child(ChildKind.MODEL_ROUTE, name);
      assertTrue(Ownership.controlledBy(route, booster), name);
      assertEquals(
          Labels.SEED_MANAGED_BY_VALUE,
          route.getMetadata().getLabels().get(Labels.SEED_MANAGED_BY));
    }
    assertEquals("llama-70b-acme", route(TENANT).get("modelName"));
    assertEquals(
        Map.of(
            "inputTokensPerUnit",
            1000000,
            "outputTokensPerUnit",
            250000,
            "unit",
            "minute",
            "global",
            Map.of("redis", Map.of("address", "redis.kthena-system.svc.cluster.local:6379"))),
        route(TENANT).get("rateLimit"));
    assertEquals(
        Map.of(
            "groupPolicy",
            Map.of("mode", "hard", "highestTierAllowed", 1),
            "rolePolicy",
            Map.of("mode", "soft", "highestTierName", "rack")),
        ((Map<?, ?>) Fixture.spec(f.child(ChildKind.MODEL_SERVING, SERVING)).get("template"))
            .get("networkTopology"));
  }

  /**
   * The hand edit changes a budget, a gateway and a header match, and adds a header: all of it is
   * put back.
   */
  @Test
  void aHandEditedRouteIsRepaired() {
    Map<String, Object> before = route(TENANT);
    f.editChild(
        ChildKind.MODEL_ROUTE,
        TENANT,
        r -> {
          Map<String, Object> spec = Fixture.spec(r);
          spec.put("rateLimit", Map.of("inputTokensPerUnit", 1, "unit", "second"));
          spec.put("parentRefs", List.of(Map.of("name", "elsewhere")));
          spec.put(
              "rules",
              List.of(
                  Map.of(
                      "name",
                      "default",
                      "modelMatch",
                      Map.of(
                          "headers",
                          Map.of(
                              "x-tenant",
                              Map.of("exact", "evil"),
                              "x-other",
                              Map.of("exact", "1"))),
                      "targetModels",
                      List.of(Map.of("modelServerName", SERVING)))));
          return r;
        });
    await("route repaired", () -> before.equals(route(TENANT)));
    Running.assertChildrenAreTheTranslation(cluster, f.name);
  }

  @Test
  void removingARouteEntryPrunesItsRoute() {
    f.editBooster(b -> b.getSpec().getRoutes().remove(1));
    await("alias route pruned", () -> routes().equals(List.of(MAIN, TENANT)));
    await(
        "ChildrenPruned event",
        () ->
            Running.events(cluster).stream()
                .anyMatch(
                    e ->
                        "ChildrenPruned".equals(e.getReason())
                            && e.getMessage().contains("ModelRoute " + ALIAS)));
    Running.assertChildrenAreTheTranslation(cluster, f.name);
  }

  /**
   * The Kthena router drops a model name's budget whenever a route of that name is deleted, so a
   * route entry removed in the same edit as a budget changed elsewhere is deleted first: the delete
   * cannot undo the new budget.
   */
  @Test
  void staleRoutesAreDeletedBeforeTheWantedOnesAreWritten() {
    cluster.resetWrites();
    f.editBooster(
        b -> {
          b.getSpec().getRoutes().remove(1);
          b.getSpec().getRateLimit().setInputTokensPerUnit(300000);
        });
    await(
        "main route updated",
        () -> ((Map<?, ?>) route(MAIN).get("rateLimit")).get("inputTokensPerUnit").equals(300000));
    List<String> routeWrites =
        cluster.writes().stream().filter(w -> w.contains("/modelroutes/")).toList();
    int deleted =
        routeWrites.indexOf(
            routeWrites.stream()
                .filter(w -> w.startsWith("DELETE") && w.endsWith("/" + ALIAS))
                .findFirst()
                .orElse("none"));
    int updated =
        routeWrites.indexOf(
            routeWrites.stream()
                .filter(w -> w.startsWith("PUT") && w.endsWith("/" + MAIN))
                .findFirst()
                .orElse("none"));
    assertTrue(deleted >= 0 && deleted < updated, "delete, then update: " + routeWrites);
  }

  /**
   * What a booster leaves out leaves the child too; merging would have kept the old budget,
   * gateway, topology.
   */
  @Test
  void aBudgetGatewayOrTopologyTakenOutOfTheBoosterLeavesTheChildren() {
    f.editBooster(
        b -> {
          b.getSpec().getRoutes().get(0).setRateLimit(null);
          b.getSpec().setParentRefs(null);
          b.getSpec().getBackend().setNetworkTopology(null);
        });
    await(
        "budget, gateway and topology gone",
        () ->
            !route(TENANT).containsKey("rateLimit")
                && !route(MAIN).containsKey("parentRefs")
                && !((Map<?, ?>)
                        Fixture.spec(f.child(ChildKind.MODEL_SERVING, SERVING)).get("template"))
                    .containsKey("networkTopology"));
    assertTrue(route(MAIN).containsKey("rateLimit"), "the main route keeps its own budget");
    Running.assertChildrenAreTheTranslation(cluster, f.name);
  }

  /**
   * The ModelRoute CRD makes modelName immutable: the operator does not send the change and says
   * what to do.
   */
  @Test
  void aNewModelNameForARouteIsReportedAsImmutable() {
    String version = f.child(ChildKind.MODEL_ROUTE, ALIAS).getMetadata().getResourceVersion();
    f.editBooster(b -> b.getSpec().getRoutes().get(1).setModelName("llama-3.3-70b-instruct"));
    await(
        "Failed=ImmutableField",
        () ->
            f.condition("Failed") != null
                && "ImmutableField".equals(f.condition("Failed").get("reason")));
    String message = String.valueOf(f.condition("Failed").get("message"));
    assertTrue(message.contains("ModelRoute " + ALIAS + ": spec.modelName"), message);
    assertTrue(message.contains("delete the ModelRoute"), message);
    assertEquals(version, f.child(ChildKind.MODEL_ROUTE, ALIAS).getMetadata().getResourceVersion());
    assertFalse(route(ALIAS).get("modelName").equals("llama-3.3-70b-instruct"));
  }
}

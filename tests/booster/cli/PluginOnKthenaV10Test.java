package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cli.PluginFixture.Result;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.KthenaProfile;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * diff, status, tree and create against a Kthena v1.0 cluster, which serves no
 * AutoscalingPolicyBinding.
 */
class PluginOnKthenaV10Test {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v1.0.0");

  private final PluginFixture plugin = new PluginFixture(cluster);
  private final Seeds seeds = new Seeds(cluster);

  /** The autoscaled prefill/decode example, in the test's namespace. */
  private final String manifest =
      Examples.text("prefill-decode.yaml").replace("  namespace: inference\n", "");

  private Result run(String stdin, String... args) {
    return plugin.run(Map.of(), stdin, Instant.now(), args);
  }

  /**
   * Creates the booster with the plugin, then its children as the operator would apply them on this
   * cluster.
   */
  private ModelBooster applied() {
    assertEquals(0, run(manifest, "create", "-f", "-").exit());
    ModelBooster booster =
        Kinds.boosters(cluster.client())
            .inNamespace(cluster.namespace())
            .withName("deepseek-pd")
            .get();
    for (GenericKubernetesResource child :
        new Translator(TranslatorConfig.defaults().withProfile(KthenaProfile.V1_0))
            .translate(booster)) {
      Kinds.children(cluster.client(), ChildKind.ofKind(child.getKind()))
          .inNamespace(cluster.namespace())
          .resource(child)
          .create();
    }
    return booster;
  }

  @Test
  void diffOfANewBoosterShowsTheV10Policy() {
    Result r = run(manifest, "diff", "-f", "-");
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.out().contains("AutoscalingPolicy." + cluster.namespace() + ".deepseek-pd-mooncake"),
        r.out());
    assertTrue(r.out().contains("+  homogeneousTarget:"), r.out());
    assertFalse(r.out().contains("AutoscalingPolicyBinding"), r.out());
  }

  @Test
  void diffOfAnAppliedBoosterIsEmpty() {
    applied();
    Result stored = run("", "diff", "deepseek-pd");
    assertEquals(0, stored.exit(), stored.out() + stored.err());
    Result fromFile = run(manifest, "diff", "-f", "-");
    assertEquals(0, fromFile.exit(), fromFile.out() + fromFile.err());
    assertEquals("", fromFile.out());
  }

  @Test
  void statusAndTreeShowThePolicysConditions() {
    ModelBooster booster = applied();
    GenericKubernetesResource policy =
        Kinds.children(cluster.client(), ChildKind.AUTOSCALING_POLICY)
            .inNamespace(cluster.namespace())
            .withName("deepseek-pd-mooncake")
            .get();
    policy.setAdditionalProperty(
        "status",
        Map.of(
            "conditions",
            List.of(
                Map.of(
                    "type",
                    "Ready",
                    "status",
                    "True",
                    "reason",
                    "Reconciled",
                    "message",
                    "policy is reconciled",
                    "lastTransitionTime",
                    seeds.seeded.toString()),
                Map.of(
                    "type",
                    "TargetFound",
                    "status",
                    "False",
                    "reason",
                    "TargetNotFound",
                    "message",
                    "ModelServing deepseek-pd-mooncake not found",
                    "lastTransitionTime",
                    seeds.seeded.toString()))));
    Kinds.children(cluster.client(), ChildKind.AUTOSCALING_POLICY)
        .inNamespace(cluster.namespace())
        .resource(policy)
        .updateStatus();
    Instant later = Instant.now().plus(Duration.ofDays(30));

    Result tree = plugin.run(later, "tree", booster.getMetadata().getName());
    assertEquals(0, tree.exit(), tree.err());
    assertTrue(
        tree.out()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        ".*AutoscalingPolicy/deepseek-pd-mooncake +True +"
                            + "TargetNotFound +30d")),
        tree.out());

    Result status = plugin.run(later, "status", booster.getMetadata().getName());
    assertEquals(0, status.exit(), status.err());
    assertTrue(
        status
            .out()
            .contains(
                """
        Autoscaling:
          POLICY                TYPE         STATUS  REASON          AGE  MESSAGE
          deepseek-pd-mooncake  Ready        True    Reconciled      30d  policy is reconciled
          deepseek-pd-mooncake  TargetFound  False   TargetNotFound  30d  ModelServing deepseek-pd-mooncake not found
        """),
        status.out());
    Result yaml = plugin.run(later, "status", booster.getMetadata().getName(), "-o", "yaml");
    assertTrue(
        yaml.out().contains("  status: TargetNotFound\n  controlled: true\n  conditions:\n"),
        yaml.out());
  }

  @Test
  void statusAndTreeAskNoDiscoveryOrOpenApi() {
    applied();
    int before = cluster.requests().size();
    assertEquals(0, plugin.run(Instant.now(), "status", "deepseek-pd").exit());
    assertEquals(0, plugin.run(Instant.now(), "tree", "deepseek-pd").exit());
    List<String> requests = cluster.requests();
    assertTrue(
        requests.subList(before, requests.size()).stream()
            .anyMatch(r -> r.contains("/autoscalingpolicybindings")),
        "the binding kind is listed (404) rather than discovered");
    List<String> asked =
        requests.subList(before, requests.size()).stream()
            .filter(
                r ->
                    r.startsWith("GET /openapi")
                        || r.matches("GET /apis?(/[^/]+(/[^/?]+)?)?(\\?.*)?"))
            .toList();
    assertEquals(List.of(), asked);
  }

  @Test
  void createRendersForTheDetectedV10() {
    String roles =
        manifest
            .replace("maxReplicas: 4", "maxReplicas: 1")
            .replaceFirst("(type: prefill\n(\\s+)image: [^\n]+\n)", "$1$2maxReplicas: 3\n");
    Result r = run(roles, "create", "-f", "-");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        cluster.requests().stream()
            .anyMatch(q -> q.startsWith("GET /openapi/v3/apis/workload.serving")),
        "detected through OpenAPI v3");
    Result pinned =
        run(roles.replace("deepseek-pd", "pinned"), "create", "-f", "-", "--kthena-version=v0.4");
    assertEquals(1, pinned.exit(), pinned.out());
    assertTrue(pinned.err().contains("v1.0"), pinned.err());
  }
}

package booster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed ModelBooster CRD is generated from the Java model ({@link ModelBooster} and its
 * annotations) by the fabric8 CRD generator. This test regenerates it and fails when the committed
 * file is stale; run it with {@code -Dbooster.crd.write=true} to rewrite the file.
 */
class CrdIsCurrentTest {
  static final Path COMMITTED = Path.of("crds", "modelboosters.workload.serving.volcano.sh.yaml");
  private static final String REGENERATE =
      "mvn -B -o test -Dtest=CrdIsCurrentTest -Dbooster.crd.write=true";
  private static final String HEADER =
      "# The ModelBooster CRD, generated from lib/booster/api by the fabric8 CRD generator.\n"
          + "# Do not edit: change the Java model and run `"
          + REGENERATE
          + "`.\n";

  @TempDir Path temp;

  @Test
  void committedCrdMatchesTheJavaModel() throws IOException {
    String generated = generate(temp);
    if (Boolean.getBoolean("booster.crd.write")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, generated);
    }
    assertTrue(Files.exists(COMMITTED), COMMITTED + " is missing; create it with: " + REGENERATE);
    assertEquals(
        generated,
        Files.readString(COMMITTED),
        COMMITTED + " is not what the Java model generates; regenerate it with: " + REGENERATE);
  }

  @Test
  void crdCarriesIdentityColumnsAndRules() throws IOException {
    CustomResourceDefinition crd =
        Serialization.unmarshal(generate(temp), CustomResourceDefinition.class);
    assertEquals("modelboosters.workload.serving.volcano.sh", crd.getMetadata().getName());
    assertEquals("Namespaced", crd.getSpec().getScope());
    assertEquals(List.of("mb"), crd.getSpec().getNames().getShortNames());
    assertEquals("ModelBooster", crd.getSpec().getNames().getKind());
    CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    assertEquals("v1alpha1", version.getName());
    assertTrue(version.getServed() && version.getStorage());
    assertNotNull(version.getSubresources().getStatus());

    assertEquals(
        List.of("Type", "Legacy Type", "Replicas", "Min", "Max", "Initialized", "Active", "Age"),
        version.getAdditionalPrinterColumns().stream()
            .map(CustomResourceColumnDefinition::getName)
            .toList());
    Map<String, String> columns =
        version.getAdditionalPrinterColumns().stream()
            .collect(
                Collectors.toMap(
                    CustomResourceColumnDefinition::getName,
                    CustomResourceColumnDefinition::getJsonPath));
    assertEquals(".spec.backend.type", columns.get("Type"));
    assertEquals(".spec.backends[0].type", columns.get("Legacy Type"));
    assertEquals(".spec.backend.replicas", columns.get("Replicas"));
    assertEquals(".spec.backend.minReplicas", columns.get("Min"));
    assertEquals(".spec.backend.maxReplicas", columns.get("Max"));
    assertEquals(
        ".status.conditions[?(@.type==\"Initialized\")].status", columns.get("Initialized"));
    assertEquals(".status.conditions[?(@.type==\"Active\")].status", columns.get("Active"));
    assertEquals(".metadata.creationTimestamp", columns.get("Age"));

    JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertTrue(
        rules(spec).contains("has(self.backend) != has(self.backends)"), "shape rule missing");
    List<String> backendRules = rules(spec.getProperties().get("backend"));
    assertTrue(
        backendRules.contains(
            "has(self.replicas) != (has(self.minReplicas) || has(self.maxReplicas))"),
        "replica style rule missing");
    assertTrue(
        backendRules.contains("has(self.minReplicas) == has(self.maxReplicas)"),
        "min+max rule missing");
    assertTrue(
        backendRules.stream().anyMatch(r -> r.endsWith("self.minReplicas <= self.maxReplicas")),
        "min/max rule missing");
    assertTrue(
        rules(spec)
            .contains(
                "!has(self.backend) || !has(self.backend.replicas) || !has(self.autoscalingPolicy)"),
        "replicas with autoscalingPolicy rule missing");
    assertTrue(
        rules(spec).contains("!has(self.backends) || self.backends.all(b, !has(b.replicas))"),
        "legacy replicas rule missing");
    assertEquals(
        List.of("modelURI", "name", "type", "workers"),
        spec.getProperties().get("backend").getRequired());
    assertTrue(
        backendRules.stream().anyMatch(r -> r.contains("'prefill'") && r.contains("exists")),
        "prefill+decode rule missing");
    assertTrue(
        backendRules.stream().anyMatch(r -> r.startsWith("self.type != 'vLLM' ||")),
        "vLLM worker rule missing");
    assertEquals(
        rules(spec.getProperties().get("backend")),
        rules(item(spec.getProperties().get("backends"))),
        "both shapes must carry the same backend rules");

    JSONSchemaProps backends = spec.getProperties().get("backends");
    assertEquals("map", backends.getXKubernetesListType());
    assertEquals(List.of("name"), backends.getXKubernetesListMapKeys());
    JSONSchemaProps env = spec.getProperties().get("backend").getProperties().get("env");
    assertEquals("map", env.getXKubernetesListType());
    assertTrue(item(env).getRequired().contains("name"));
    assertEquals(
        Patterns.MODEL_URI,
        spec.getProperties().get("backend").getProperties().get("modelURI").getPattern());
    JSONSchemaProps worker =
        item(spec.getProperties().get("backend").getProperties().get("workers"));
    assertTrue(worker.getProperties().get("config").getXKubernetesPreserveUnknownFields());
    assertEquals("atomic", worker.getProperties().get("tolerations").getXKubernetesListType());
    assertEquals(
        Patterns.DNS_SUBDOMAIN,
        spec.getProperties().get("backend").getProperties().get("runtimeClassName").getPattern());
    assertTrue(
        rules(worker).stream().anyMatch(r -> r.contains("self.type in ['prefill', 'decode']")),
        "maxReplicas worker rule missing");
    routeAndTopologyRules(version.getSchema().getOpenAPIV3Schema());
    JSONSchemaProps conditions =
        version
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("status")
            .getProperties()
            .get("conditions");
    assertEquals(List.of("type"), conditions.getXKubernetesListMapKeys());
  }

  /**
   * What OpenAPI cannot say about routes and topology, said in CEL, beside the keyed, bounded
   * routes list.
   */
  private static void routeAndTopologyRules(JSONSchemaProps root) {
    JSONSchemaProps spec = root.getProperties().get("spec");
    JSONSchemaProps routes = spec.getProperties().get("routes");
    assertEquals("map", routes.getXKubernetesListType());
    assertEquals(List.of("name"), routes.getXKubernetesListMapKeys());
    assertEquals(16L, routes.getMaxItems());
    List<String> rootRules = rules(root);
    assertTrue(
        rootRules.stream()
            .anyMatch(r -> r.contains("size(self.metadata.name) + size(r.name) < 63")),
        "route child name rule missing: " + rootRules);
    assertTrue(
        rootRules.stream().anyMatch(r -> r.contains("exists_one(o, has(o.modelName)")),
        "one budget per model name rule (routes) missing");
    assertTrue(
        rootRules.stream()
            .anyMatch(r -> r.startsWith("!has(self.spec) || !has(self.spec.rateLimit)")),
        "one budget per model name rule (main route) missing");
    assertTrue(
        rules(spec).stream().anyMatch(r -> r.contains("l.name != r.modelName")),
        "LoRA alias rule missing");
    for (JSONSchemaProps backend :
        List.of(spec.getProperties().get("backend"), item(spec.getProperties().get("backends")))) {
      JSONSchemaProps topology = backend.getProperties().get("networkTopology");
      for (String policy : List.of("groupPolicy", "rolePolicy")) {
        assertEquals(
            List.of("!has(self.highestTierAllowed) || !has(self.highestTierName)"),
            rules(topology.getProperties().get(policy)),
            policy);
      }
    }
    assertEquals(
        Patterns.HOST_PORT,
        spec.getProperties()
            .get("rateLimit")
            .getProperties()
            .get("global")
            .getProperties()
            .get("redis")
            .getProperties()
            .get("address")
            .getPattern());
  }

  private static JSONSchemaProps item(JSONSchemaProps list) {
    return list.getItems().getSchema();
  }

  private static List<String> rules(JSONSchemaProps props) {
    List<String> rules = new ArrayList<>();
    if (props.getXKubernetesValidations() != null) {
      props.getXKubernetesValidations().stream().map(ValidationRule::getRule).forEach(rules::add);
    }
    return rules;
  }

  /** Runs the generator into {@code dir} and returns the CRD text as it is committed. */
  static String generate(Path dir) throws IOException {
    new CRDGenerator()
        .customResourceClasses(ModelBooster.class)
        .forCRDVersions("v1")
        .withPostProcessor(new ListMaps())
        .inOutputDir(dir.toFile())
        .generate();
    try (var files = Files.list(dir)) {
      Path file =
          files
              .filter(f -> f.getFileName().toString().startsWith("modelboosters."))
              .findFirst()
              .orElseThrow();
      return HEADER + Files.readString(file);
    }
  }

  /**
   * What the generator annotations cannot express: keyed lists (backends by name as upstream's v0.1
   * CRD, routes by name (each is a child), env by name as upstream, status conditions by type as
   * metav1.Condition), atomic tolerations (as upstream v1.0), and the printer columns in
   * declaration order (the generator sorts them by path, which would put Age first).
   */
  private static final class ListMaps implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
      CustomResourceDefinition crd = (CustomResourceDefinition) resource;
      JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
      JSONSchemaProps spec = root.getProperties().get("spec");
      keyed(spec.getProperties().get("backends"), "name");
      keyed(spec.getProperties().get("routes"), "name");
      keyed(spec.getProperties().get("backend").getProperties().get("env"), "name");
      keyed(item(spec.getProperties().get("backends")).getProperties().get("env"), "name");
      keyed(root.getProperties().get("status").getProperties().get("conditions"), "type");
      for (JSONSchemaProps backend :
          List.of(
              spec.getProperties().get("backend"), item(spec.getProperties().get("backends")))) {
        JSONSchemaProps worker = item(backend.getProperties().get("workers"));
        worker.getProperties().get("tolerations").setXKubernetesListType("atomic");
      }
      List<String> order =
          Arrays.stream(ModelBooster.class.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      crd.getSpec()
          .getVersions()
          .get(0)
          .getAdditionalPrinterColumns()
          .sort(Comparator.comparingInt(column -> order.indexOf(column.getName())));
      return crd;
    }

    private static void keyed(JSONSchemaProps list, String key) {
      list.setXKubernetesListType("map");
      list.setXKubernetesListMapKeys(List.of(key));
      JSONSchemaProps item = item(list);
      List<String> required =
          new ArrayList<>(item.getRequired() == null ? List.of() : item.getRequired());
      if (!required.contains(key)) {
        required.add(key);
        required.sort(String::compareTo);
      }
      item.setRequired(required);
    }
  }
}

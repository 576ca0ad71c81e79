package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Our generated ModelBooster CRD (crds/, owned by the API work) accepts every upstream example and
 * converter input as written, and our own examples, structurally (the CEL rules are evaluated by
 * booster.api.CrdRulesParityTest).
 */
class ModelBoosterCrdSchemaTest {
  private static final CrdSchema SCHEMA =
      CrdSchema.load(Path.of("crds", "modelboosters.workload.serving.volcano.sh.yaml"));

  /**
   * The object without apiVersion, kind and metadata, which the API server handles itself at the
   * root.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Path manifest) throws IOException {
    Map<String, Object> object =
        YAMLMapper.builder().build().readValue(Files.readString(manifest), Map.class);
    object.keySet().removeAll(List.of("apiVersion", "kind", "metadata"));
    return object;
  }

  static Stream<Path> manifests() throws IOException {
    Stream<Path> all = Stream.empty();
    for (String dir :
        List.of(
            "v0.1.0/examples/model-booster",
            "v0.4.0/examples/model-booster",
            "v0.1.0/convert-testdata/input",
            "v0.4.0/convert-testdata/input",
            "v1.0.0/examples/model-booster",
            "v1.0.0/convert-testdata/input")) {
      try (Stream<Path> files = Files.list(Golden.REFERENCE.resolve(dir))) {
        all = Stream.concat(all, files.sorted().toList().stream());
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void upstreamManifestIsAccepted(Path manifest) throws IOException {
    assertEquals(List.of(), SCHEMA.violations(body(manifest)));
  }

  static Stream<Path> projectExamples() throws IOException {
    try (Stream<Path> files = Files.list(SampleBoosters.EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projectExamples")
  void projectExampleIsAccepted(Path manifest) throws IOException {
    assertEquals(List.of(), SCHEMA.violations(body(manifest)));
  }

  /**
   * The OpenAPI half of the new fields' rules (bounds, enums, patterns, keyed and bounded lists),
   * each rejected by the CRD as by booster.api.Validation; the CEL half is listed by
   * booster.api.CrdIsCurrentTest.
   */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "spec.rateLimit.inputTokensPerUnit | 0 | spec.rateLimit.inputTokensPerUnit: 0 is below the minimum 1",
        "spec.rateLimit.unit | week | spec.rateLimit.unit: week is not one of",
        "spec.rateLimit.global.redis.address | redis | spec.rateLimit.global.redis.address: \"redis\" does not match",
        "spec.rateLimit.global.redis.address | 'redis:65536' | spec.rateLimit.global.redis.address: \"redis:65536\"",
        "spec.parentRefs[0].namespace | Gateways | spec.parentRefs[0].namespace: \"Gateways\" does not match",
        "spec.parentRefs[0].kind | '' | spec.parentRefs[0].kind: shorter than 1",
        "spec.parentRefs[0].port | 65536 | spec.parentRefs[0].port: 65536 is above the maximum 65535",
        "spec.routes[0].name | Tenant_A | spec.routes[0].name: \"Tenant_A\" does not match",
        "spec.routes[1].name | acme | spec.routes: duplicate item [acme]",
        "spec.routes[0].modelName | '' | spec.routes[0].modelName: shorter than 1",
        "spec.routes[0].parentRefs[0].sectionName | HTTPS | spec.routes[0].parentRefs[0].sectionName: \"HTTPS\"",
        "spec.backend.networkTopology.groupPolicy.mode | strict | "
            + "spec.backend.networkTopology.groupPolicy.mode: strict is not one of",
        "spec.backend.networkTopology.groupPolicy.highestTierAllowed | -1 | "
            + "spec.backend.networkTopology.groupPolicy.highestTierAllowed: -1 is below the minimum 0"
      })
  void newFieldBoundsAreInTheSchema(String path, String value, String violation)
      throws IOException {
    Map<String, Object> object = body(SampleBoosters.EXAMPLES.resolve("gateway-routes.yaml"));
    set(
        object,
        path,
        YAMLMapper.builder().build().readValue(value.isEmpty() ? "''" : value, Object.class));
    List<String> found = SCHEMA.violations(object);
    assertTrue(
        found.stream().anyMatch(v -> v.startsWith(violation)), violation + " not in " + found);
  }

  @Test
  void seventeenRoutesAreTooMany() throws IOException {
    Map<String, Object> object = body(SampleBoosters.EXAMPLES.resolve("gateway-routes.yaml"));
    List<Map<String, Object>> routes = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      routes.add(Map.of("name", "r" + i));
    }
    set(object, "spec.routes", routes);
    assertEquals(List.of("spec.routes: more than 16 items"), SCHEMA.violations(object));
  }

  /** Sets a value at a path of keys and {@code [index]} segments. */
  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> object, String path, Object value) {
    Object node = object;
    String[] parts = path.replace("[", ".[").split("\\.");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.startsWith("[")) {
        List<Object> list = (List<Object>) node;
        int index = Integer.parseInt(part.substring(1, part.length() - 1));
        if (last) {
          list.set(index, value);
        } else {
          node = list.get(index);
        }
      } else if (last) {
        ((Map<String, Object>) node).put(part, value);
      } else {
        node = ((Map<String, Object>) node).get(part);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  @SuppressWarnings("unchecked")
  void badUriIsRejected(Path manifest) throws IOException {
    Map<String, Object> object = body(manifest);
    Map<String, Object> spec = (Map<String, Object>) object.get("spec");
    Map<String, Object> backend =
        spec.containsKey("backend")
            ? (Map<String, Object>) spec.get("backend")
            : ((List<Map<String, Object>>) spec.get("backends")).get(0);
    backend.put("modelURI", "gs://bucket/model");
    assertTrue(
        SCHEMA.violations(object).stream().anyMatch(v -> v.contains("modelURI")),
        SCHEMA.violations(object).toString());
  }
}

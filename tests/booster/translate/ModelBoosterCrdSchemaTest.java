package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Our generated ModelBooster CRD (crds/, owned by the API work) accepts every upstream example and converter input
 * as written, structurally (CEL rules are checked by booster.api.Validation's tests instead).
 */
class ModelBoosterCrdSchemaTest {
  private static final CrdSchema SCHEMA =
      CrdSchema.load(Path.of("crds", "modelboosters.workload.serving.volcano.sh.yaml"));

  /** The object without apiVersion, kind and metadata, which the API server handles itself at the root. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Path manifest) throws IOException {
    Map<String, Object> object = YAMLMapper.builder().build().readValue(Files.readString(manifest), Map.class);
    object.keySet().removeAll(List.of("apiVersion", "kind", "metadata"));
    return object;
  }

  static Stream<Path> manifests() throws IOException {
    Stream<Path> all = Stream.empty();
    for (String dir : List.of("v0.1.0/examples/model-booster", "v0.4.0/examples/model-booster",
        "v0.1.0/convert-testdata/input", "v0.4.0/convert-testdata/input", "v1.0.0/examples/model-booster",
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  @SuppressWarnings("unchecked")
  void badUriIsRejected(Path manifest) throws IOException {
    Map<String, Object> object = body(manifest);
    Map<String, Object> spec = (Map<String, Object>) object.get("spec");
    Map<String, Object> backend = spec.containsKey("backend") ? (Map<String, Object>) spec.get("backend")
        : ((List<Map<String, Object>>) spec.get("backends")).get(0);
    backend.put("modelURI", "gs://bucket/model");
    assertTrue(SCHEMA.violations(object).stream().anyMatch(v -> v.contains("modelURI")), SCHEMA.violations(object).toString());
  }
}

package booster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  private static final String HEAD =
      "apiVersion: workload.serving.volcano.sh/v1alpha1\nkind: ModelBooster\n";

  private static List<ModelBooster> read(String text) {
    return ManifestReader.read(
        "m.yaml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> problems(String text) {
    return assertThrows(InvalidInputException.class, () -> read(text)).problems();
  }

  @Test
  void readsSeveralDocumentsSkippingEmptyOnes() {
    List<ModelBooster> boosters =
        read("---\n" + Boosters.CURRENT + "---\n---\n# only a comment\n---\n" + Boosters.LEGACY);
    assertEquals(
        List.of("demo", "legacy"), boosters.stream().map(b -> b.getMetadata().getName()).toList());
    assertEquals(BackendType.VLLM, boosters.get(0).getSpec().getBackend().getType());
    assertEquals(2, boosters.get(1).getSpec().getBackends().size());
  }

  @Test
  void readsJson() {
    String json =
        "{\"apiVersion\": \"workload.serving.volcano.sh/v1alpha1\", \"kind\": \"ModelBooster\","
            + " \"metadata\": {\"name\": \"j\"}, \"spec\": {\"backend\": {\"name\": \"b\", \"minReplicas\": 2}}}";
    ModelBooster booster = read(json).get(0);
    assertEquals("j", booster.getMetadata().getName());
    assertEquals(2, booster.getSpec().getBackend().getMinReplicas());
  }

  @Test
  void readsListKinds() {
    String list =
        "apiVersion: v1\nkind: List\nitems:\n"
            + Boosters.CURRENT.indent(2).replaceFirst("^  ", "- ");
    assertEquals("demo", read(list).get(0).getMetadata().getName());
  }

  @Test
  void wrongTypeNamesTheField() {
    assertEquals(
        List.of("m.yaml: spec.backend.minReplicas: Invalid value: \"two\": must be an integer"),
        problems(HEAD + "metadata: {name: a}\nspec:\n  backend: {minReplicas: two}\n"));
    assertEquals(
        List.of("m.yaml: spec.backend.workers[1].pods: Invalid value: [1]: must be an integer"),
        problems(
            HEAD + "metadata: {name: a}\nspec:\n  backend:\n    workers: [{}, {pods: [1]}]\n"));
    assertEquals(
        List.of("m.yaml: spec.backends: Invalid value: {\"name\":\"x\"}: must be a list"),
        problems(HEAD + "metadata: {name: a}\nspec:\n  backends: {name: x}\n"));
  }

  @Test
  void unknownFieldsAreErrorsEvenInsideKubernetesTypes() {
    assertEquals(
        List.of("m.yaml: spec.backend.minReplica: unknown field"),
        problems(HEAD + "metadata: {name: a}\nspec:\n  backend: {minReplica: 1}\n"));
    assertEquals(
        List.of("m.yaml: spec.backend.env[0].vaule: unknown field"),
        problems(
            HEAD + "metadata: {name: a}\nspec:\n  backend:\n    env: [{name: A, vaule: b}]\n"));
  }

  @Test
  void unsupportedEnumValuesAreErrors() {
    assertEquals(
        List.of(
            "m.yaml: spec.backend.type: unsupported backend type \"TensorRT\" "
                + "(supported: vLLM, vLLMDisaggregated)"),
        problems(HEAD + "metadata: {name: a}\nspec:\n  backend: {type: TensorRT}\n"));
    assertEquals(
        1,
        problems(HEAD + "metadata: {name: a}\nspec:\n  backend:\n    workers: [{type: router}]\n")
            .size());
  }

  @Test
  void unsupportedRateLimitUnitAndTopologyModeNameTheField() {
    assertEquals(
        List.of(
            "m.yaml: spec.routes[0].rateLimit.unit: unsupported rate limit unit \"week\" "
                + "(supported: second, minute, hour, day, month)"),
        problems(
            HEAD + "metadata: {name: a}\nspec:\n  routes: [{name: r, rateLimit: {unit: week}}]\n"));
    assertEquals(
        List.of(
            "m.yaml: spec.backends[0].networkTopology.rolePolicy.mode: unsupported network topology "
                + "mode \"strict\" (supported: hard, soft)"),
        problems(
            HEAD
                + "metadata: {name: a}\nspec:\n  backends: [{networkTopology: {rolePolicy: {mode: strict}}}]\n"));
  }

  @Test
  void otherKindsAreRejectedAndEveryDocumentIsReported() {
    List<String> problems =
        problems(
            Boosters.CURRENT
                + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
                + "---\n"
                + HEAD
                + "metadata: {name: a}\nspec: {backend: {maxReplicas: many}}\n");
    assertEquals(
        List.of(
            "m.yaml: document 2: kind: expected ModelBooster (apiVersion workload.serving.volcano.sh/v1alpha1), "
                + "found Deployment (apiVersion apps/v1)",
            "m.yaml: document 3: spec.backend.maxReplicas: Invalid value: \"many\": must be an integer"),
        problems);
  }

  @Test
  void malformedListsAreProblemsNotCrashes() {
    assertEquals(
        List.of("m.yaml: items: wrong type: expected a list"),
        problems("apiVersion: v1\nkind: List\nitems: {}\n"));
    assertEquals(
        List.of("m.yaml: items[0].kind: expected a ModelBooster object"),
        problems("apiVersion: v1\nkind: List\nitems: [7]\n"));
    // A top-level sequence is read element by element, like documents.
    assertEquals(
        List.of(
            "m.yaml: document 1: expected an object with apiVersion and kind, found string",
            "m.yaml: document 2: expected an object with apiVersion and kind, found number"),
        problems("- a\n- 2\n"));
  }

  @Test
  void badYamlNamesTheLine() {
    assertEquals(
        List.of(
            "m.yaml: line 4, column 10: metadata.name: not valid YAML: mapping values are not allowed here"),
        problems(HEAD + "metadata:\n  name: a: b\n"));
  }

  @Test
  void duplicateKeysAreErrors() {
    List<String> problems =
        problems(
            HEAD + "metadata: {name: a}\nspec:\n  backend: {minReplicas: 1, minReplicas: 2}\n");
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("m.yaml: line 5, column "), problems.get(0));
    assertTrue(problems.get(0).contains(": spec.backend.minReplicas: "), problems.get(0));
    assertTrue(
        problems.get(0).contains("Duplicate Object property \"minReplicas\""), problems.get(0));
  }

  @Test
  void emptyInputIsAnError() {
    assertEquals(List.of("m.yaml: no ModelBooster found"), problems(""));
    assertEquals(List.of("m.yaml: no ModelBooster found"), problems("---\n# nothing\n---\n"));
  }

  @Test
  void readFileGivesOneLineErrors(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.yaml");
    assertEquals(
        List.of(missing + ": no such file"),
        assertThrows(InvalidInputException.class, () -> ManifestReader.readFile(missing))
            .problems());
    assertEquals(
        List.of(dir + ": is a directory"),
        assertThrows(InvalidInputException.class, () -> ManifestReader.readFile(dir)).problems());
    Path file = Files.writeString(dir.resolve("ok.yaml"), Boosters.CURRENT);
    assertEquals("demo", ManifestReader.readFile(file).get(0).getMetadata().getName());
  }
}

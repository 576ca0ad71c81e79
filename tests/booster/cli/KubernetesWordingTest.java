package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input that used to print Java (a NullPointerException's text, Jackson's node and type names, its
 * nesting-limit message): each now gets one line in the API server's words, naming the field, and
 * exit code 1.
 */
class KubernetesWordingTest {
  private static final String HEAD =
      "apiVersion: workload.serving.volcano.sh/v1alpha1\nkind: ModelBooster\n";
  private static final String SPEC =
      """
      spec:
        backend:
          name: gpu
          type: vLLM
          modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
          minReplicas: 1
          maxReplicas: 1
          workers:
            - image: vllm/vllm-openai:latest
              resources: {limits: {cpu: CPU}}
              config: {max-model-len: CONFIG}
      """;

  record Case(String name, String manifest, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String named = HEAD + "metadata: {name: demo}\n";
    return Stream.of(
        new Case(
            "metadata: null",
            HEAD + "metadata: null\n" + spec("1", "1"),
            "ModelBooster: metadata.name: Required value"),
        new Case(
            "empty metadata",
            HEAD + "metadata:\n" + spec("1", "1"),
            "ModelBooster: metadata.name: Required value"),
        new Case(
            "no metadata", HEAD + spec("1", "1"), "ModelBooster: metadata.name: Required value"),
        new Case(
            "cpu a list",
            named + spec("[1, 2]", "1"),
            "spec.backend.workers[0].resources.limits[cpu]: Invalid value: [1,2]: must be a quantity"),
        new Case(
            "cpu an object",
            named + spec("{a: 1}", "1"),
            "spec.backend.workers[0].resources.limits[cpu]: Invalid value: {\"a\":1}: must be a quantity"),
        new Case(
            "cpu empty",
            named + spec("''", "1"),
            "spec.backend.workers[0].resources.limits[cpu]: Invalid value: \"\": must be a quantity"),
        new Case(
            "config nested 600 deep",
            named + spec("1", "[".repeat(600) + "]".repeat(600)),
            "nested too deeply at spec.backend.workers[0].config.max-model-len[0][0]"),
        new Case(
            "minReplicas .inf",
            named + spec("1", "1").replace("minReplicas: 1", "minReplicas: .inf"),
            "spec.backend.minReplicas: Invalid value: .inf: must be an integer"),
        new Case(
            "minReplicas past int",
            named + spec("1", "1").replace("minReplicas: 1", "minReplicas: 1e10"),
            "spec.backend.minReplicas: Invalid value: 1E+10: must be an integer"),
        new Case(
            "config .inf",
            named + spec("1", ".inf"),
            "spec.backend.workers[0].config.max-model-len: Invalid value: \".inf\": must be a finite number"));
  }

  private static String spec(String cpu, String config) {
    return SPEC.replace("CPU", cpu).replace("CONFIG", config);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneKubernetesLineNamingTheField(Case c) {
    Cli.Outcome outcome =
        Cli.inProcess(
            c.manifest(), Map.of(), "create", "-f", "-", "--dry-run=client", "-o", "yaml");
    assertEquals(1, outcome.exit(), outcome.toString());
    assertEquals("", outcome.out(), "nothing rendered");
    Cli.assertLineNaming(outcome, c.expected());
    assertEquals(java.util.Optional.empty(), JavaText.find(outcome.err()), outcome.toString());
  }

  @Test
  void theDetectorKnowsJava() {
    for (String java :
        new String[] {
          "Cannot invoke \"io.fabric8.kubernetes.api.model.ObjectMeta.getNamespace()\" because \"metadata\" is null",
          "'ArrayNode' method `asString()` cannot coerce value [...(2 elements)] to `java.lang.String`",
          "Document nesting depth (501) exceeds the maximum allowed (500, from `StreamReadConstraints.getMaxNestingDepth()`)",
          "Numeric value (Infinity) of `DoubleNode` has fractional part; cannot convert to `int`",
          "java.lang.NullPointerException\n\tat booster.cli.CreateCommand.call(CreateCommand.java:12)"
        }) {
      assertTrue(JavaText.find(java).isPresent(), java);
    }
    assertEquals(
        java.util.Optional.empty(),
        JavaText.find(
            "Error from server (InternalError): modelboosters "
                + "\"x\": InternalError (HTTP 500); spec.backend.minReplicas: Invalid value: \"two\": must be an integer"));
  }
}

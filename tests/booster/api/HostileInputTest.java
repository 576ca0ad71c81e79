package booster.api;

import static booster.api.Boosters.CURRENT;
import static booster.api.Boosters.DISAGGREGATED;
import static booster.api.Boosters.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ValidationTableTest.Row;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Values that used to pass validation and produce children the API server refuses, or that failed
 * late inside the translator: each is now a field-path error before anything is rendered, whether
 * the reader (types) or validation (meaning) finds it, and the translator refuses the booster with
 * that list rather than failing itself.
 */
class HostileInputTest {
  private static final Translator TRANSLATOR = new Translator(TranslatorConfig.defaults());
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String W = "spec.backend.workers[0].";

  static Stream<Row> rows() {
    String quantity = "must be a quantity";
    return Stream.of(
        new Row(
            "NPU request aaaa",
            CURRENT,
            set(W + "resources.requests", "{huawei.com/ascend-1980: aaaa}"),
            W + "resources.requests[huawei.com/ascend-1980]",
            quantity),
        new Row(
            "cpu two cpus",
            CURRENT,
            set(W + "resources.limits", "{cpu: two cpus}"),
            W + "resources.limits[cpu]",
            "Invalid value: \"two cpus\": " + quantity),
        new Row(
            "cpu .inf",
            CURRENT,
            set(W + "resources.limits", "{cpu: .inf}"),
            W + "resources.limits[cpu]",
            "Invalid value: .inf: " + quantity),
        new Row(
            "memory inf",
            CURRENT,
            set(W + "resources.limits", "{memory: inf}"),
            W + "resources.limits[memory]",
            quantity),
        new Row(
            "memory -inf",
            CURRENT,
            set(W + "resources.requests", "{memory: -inf}"),
            W + "resources.requests[memory]",
            quantity),
        new Row(
            "cpu ~",
            CURRENT,
            set(W + "resources.limits", "{cpu: '~'}"),
            W + "resources.limits[cpu]",
            quantity),
        new Row(
            "cpu null",
            CURRENT,
            set(W + "resources.limits", "{cpu: null}"),
            W + "resources.limits[cpu]",
            "Required value"),
        new Row(
            "cpu a list",
            CURRENT,
            set(W + "resources.limits", "{cpu: [1, 2]}"),
            W + "resources.limits[cpu]",
            "Invalid value: [1,2]: " + quantity),
        new Row(
            "cpu true",
            CURRENT,
            set(W + "resources.limits", "{cpu: true}"),
            W + "resources.limits[cpu]",
            quantity),
        new Row(
            "negative memory",
            CURRENT,
            set(W + "resources.limits", "{memory: -1Gi}"),
            W + "resources.limits[memory]",
            "must be greater than or equal to 0"),
        new Row(
            "quantity past 2^63",
            CURRENT,
            set(W + "resources.limits", "{memory: 12345678901234567890123}"),
            W + "resources.limits[memory]",
            "must be no more than 9223372036854775807"),
        new Row(
            "huge exponent",
            CURRENT,
            set(W + "resources.limits", "{memory: '1e999999999'}"),
            W + "resources.limits[memory]",
            "must be no more than 9223372036854775807"),
        new Row(
            "exponent past int",
            CURRENT,
            set(W + "resources.limits", "{memory: '1e99999999999'}"),
            W + "resources.limits[memory]",
            quantity),
        new Row(
            "half a GPU",
            CURRENT,
            set(W + "resources.limits", "{nvidia.com/gpu: 500m}"),
            W + "resources.limits[nvidia.com/gpu]",
            "must be an integer"),
        new Row(
            "request over limit",
            CURRENT,
            set(W + "resources", "{limits: {cpu: 1}, requests: {cpu: 2}}"),
            W + "resources.requests[cpu]",
            "must be less than or equal to cpu limit of 1"),
        new Row(
            "GPU request unlike its limit",
            CURRENT,
            set(W + "resources", "{limits: {nvidia.com/gpu: 2}, requests: {nvidia.com/gpu: 1}}"),
            W + "resources.requests[nvidia.com/gpu]",
            "must be equal to nvidia.com/gpu limit of 2"),
        new Row(
            "unknown bare resource name",
            CURRENT,
            set(W + "resources.limits", "{gpus: 1}"),
            W + "resources.limits[gpus]",
            "must be a standard resource"),
        new Row(
            "resource name with a shell character",
            CURRENT,
            set(W + "resources.limits", "{'x.io/a;b': 1}"),
            W + "resources.limits[x.io/a;b]",
            "extended resource name"),
        new Row(
            "resource claims",
            CURRENT,
            set(W + "resources.claims", "[{name: c}]"),
            W + "resources.claims",
            "Forbidden"),
        new Row(
            "namespace a quote",
            CURRENT,
            set("metadata.namespace", "\"'\""),
            "metadata.namespace",
            "Invalid value: \"'\": a lowercase RFC 1123 label"),
        new Row(
            "namespace with a dot",
            CURRENT,
            set("metadata.namespace", "team.a"),
            "metadata.namespace",
            "RFC 1123 label"),
        new Row(
            "namespace over 63 characters",
            CURRENT,
            set("metadata.namespace", "n".repeat(64)),
            "metadata.namespace",
            "no more than 63"),
        new Row(
            "config .inf",
            CURRENT,
            set(W + "config.max-model-len", ".inf"),
            W + "config.max-model-len",
            "Invalid value: \".inf\": must be a finite number"),
        new Row(
            "config -.inf in a list",
            CURRENT,
            set(W + "config.scores", "[1, -.inf]"),
            W + "config.scores[1]",
            "must be a finite number"),
        new Row(
            "config .nan",
            CURRENT,
            set(W + "config.gpu-memory-utilization", ".nan"),
            W + "config.gpu-memory-utilization",
            "must be a finite number"),
        new Row(
            "config empty flag name",
            CURRENT,
            set(W + "config", "{'': 1}"),
            W + "config[]",
            "a flag name must not be empty"),
        new Row(
            "replicas .inf",
            CURRENT,
            set(W + "replicas", ".inf"),
            W + "replicas",
            "Invalid value: .inf: must be an integer"),
        new Row(
            "replicas past int",
            CURRENT,
            set(W + "replicas", "99999999999999999999"),
            W + "replicas",
            "must be an integer from -2147483648 to 2147483647"),
        new Row(
            "replicas a fraction",
            CURRENT,
            set(W + "replicas", "1.5"),
            W + "replicas",
            "Invalid value: 1.5: must be an integer"),
        new Row(
            "env name with =",
            CURRENT,
            set("spec.backend.env[0].name", "'A=B'"),
            "spec.backend.env[0].name",
            "printable ASCII characters other than '='"),
        new Row(
            "env from a ConfigMap with a bad name",
            CURRENT,
            set(
                "spec.backend.env[0]",
                "{name: A, valueFrom: {configMapKeyRef: {name: 'My_Config', key: k}}}"),
            "spec.backend.env[0].valueFrom.configMapKeyRef.name",
            "RFC 1123 subdomain"),
        new Row(
            "envFrom without a source",
            CURRENT,
            set("spec.backend.envFrom", "[{prefix: X_}]"),
            "spec.backend.envFrom[0]",
            "exactly one of"),
        new Row(
            "scheduler name with a space",
            CURRENT,
            set("spec.backend.schedulerName", "'my scheduler'"),
            "spec.backend.schedulerName",
            "RFC 1123 subdomain"),
        new Row(
            "pvc claim with a slash",
            CURRENT,
            set("spec.backend.cacheURI", "pvc://claim/sub"),
            "spec.backend.cacheURI",
            "PersistentVolumeClaim"),
        new Row(
            "hostpath without a directory",
            CURRENT,
            set("spec.backend.cacheURI", "'hostpath:///'"),
            "spec.backend.cacheURI",
            "names no cache location"),
        new Row(
            "hostpath climbing out",
            CURRENT,
            set("spec.backend.cacheURI", "hostpath:///cache/../etc"),
            "spec.backend.cacheURI",
            "must not contain '..'"),
        new Row(
            "PD worker cpu .inf",
            DISAGGREGATED,
            set("spec.backend.workers[1].resources", "{limits: {cpu: .inf}}"),
            "spec.backend.workers[1].resources.limits[cpu]",
            quantity));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rejectedWithItsFieldPathBeforeTranslation(Row row) {
    ObjectNode tree = Boosters.tree(row.base());
    row.edit().accept(tree);
    String yaml = YAML.writeValueAsString(tree);
    List<String> problems;
    try {
      ModelBooster booster =
          ManifestReader.read(
                  "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
              .get(0);
      problems =
          Validation.validate(booster).stream()
              .filter(Problem::isError)
              .map(Problem::toString)
              .toList();
      InvalidInputException refused =
          assertThrows(
              InvalidInputException.class,
              () -> TRANSLATOR.translate(booster),
              "the translator refuses it with the validation errors");
      assertEquals(problems, refused.problems());
    } catch (InvalidInputException e) {
      problems = e.problems().stream().map(p -> p.substring("test.yaml: ".length())).toList();
    }
    String expected = row.path() + ": ";
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith(expected) && p.contains(row.fragment())),
        "expected " + expected + "..." + row.fragment() + "... but got " + problems);
  }
}

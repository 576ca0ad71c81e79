package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * vLLM flags (docs/design.md §2.4), with upstream's ConvertVLLMArgsFromJson vectors adapted where
 * we differ.
 */
class VllmFlagsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PATH = "spec.backend.workers[0].config";

  private static List<String> render(String json) {
    return VllmFlags.render(JSON.readTree(json), PATH);
  }

  @Test
  void upstreamVectorWithTrueAsBareFlag() {
    assertEquals(
        List.of("--gpu-memory-utilization", "0.9", "--model", "test-model", "--trust-remote-code"),
        render(
            "{\"model\":\"test-model\",\"gpu_memory_utilization\":0.9,\"trust_remote_code\":true}"));
  }

  @Test
  void noConfigMeansNoFlags() {
    assertEquals(List.of(), render("{}"));
    assertEquals(List.of(), VllmFlags.render(null, PATH));
    assertEquals(List.of(), render("null"));
  }

  @Test
  void emptyStringIsABareFlagAndFalseNegates() {
    assertEquals(
        List.of("--no-enable-prefix-caching", "--enforce-eager", "--trust-remote-code"),
        render(
            "{\"trust-remote-code\":\"\",\"enforce_eager\":true,\"enable-prefix-caching\":false}"));
  }

  @Test
  void keysSortByOriginalSpellingAndKeepTheirCase() {
    // '-' (0x2d) sorts before 'L' (0x4c) and '_' (0x5f) in the original keys.
    assertEquals(
        List.of("--max-a", "1", "--maxModelLen", "2", "--max-z", "3"),
        render("{\"max_z\":3,\"maxModelLen\":2,\"max-a\":1}"));
  }

  @Test
  void numbersNeverUseExponentsForIntegralValues() {
    assertEquals(
        List.of(
            "--a",
            "1000000",
            "--b",
            "1048576",
            "--c",
            "1000000",
            "--d",
            "128",
            "--e",
            "9007199254740993",
            "--f",
            "0.00001",
            "--g",
            "0.30000000000000004",
            "--h",
            "-2.5"),
        render(
            "{\"a\":1000000,\"b\":1048576,\"c\":1e6,\"d\":128.0,\"e\":9007199254740993,\"f\":0.00001,"
                + "\"g\":0.30000000000000004,\"h\":-2.5}"));
  }

  /**
   * BigDecimal.toString would print 1E-7: the same shortest digits, but in an exponent notation
   * Java alone uses.
   */
  @Test
  void smallNumbersAreWrittenOutWithoutExponent() {
    assertEquals(
        List.of("--a", "0.0000001", "--b", "-0.000000000125"),
        render("{\"a\":1e-7,\"b\":-1.25e-10}"));
  }

  @Test
  void yamlNumbersRenderTheSame() {
    JsonNode config =
        YAMLMapper.builder()
            .build()
            .readTree(
                "block-size: 128\ngpu-memory-utilization: 0.9\n"
                    + "max-num-batched-tokens: 1.0e+6\n");
    assertEquals(
        List.of(
            "--block-size",
            "128",
            "--gpu-memory-utilization",
            "0.9",
            "--max-num-batched-tokens",
            "1000000"),
        VllmFlags.render(config, PATH));
  }

  @Test
  void stringsStayOneArgumentVerbatim() {
    assertEquals(
        List.of("--chat-template", "line one\nline 'two' \"x\" $HOME"),
        render("{\"chat-template\":\"line one\\nline 'two' \\\"x\\\" $HOME\"}"));
  }

  @Test
  void arraysGiveOneArgumentPerElement() {
    assertEquals(
        List.of("--served-model-name", "a", "b", "--x", "1", "true", "{\"k\":1}"),
        render("{\"served-model-name\":[\"a\",\"b\"],\"x\":[1,true,{\"k\":1}]}"));
  }

  @Test
  void objectsGiveCompactJson() {
    assertEquals(
        List.of(
            "--kv-transfer-config", "{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_both\"}"),
        render(
            "{\"kv-transfer-config\":{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_both\"}}"));
  }

  @Test
  void nullIsAnErrorNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> render("{\"block-size\":128,\"max_model_len\":null}"));
    assertTrue(e.getMessage().startsWith(PATH + ".max_model_len: "), e.getMessage());
    IllegalArgumentException inArray =
        assertThrows(IllegalArgumentException.class, () -> render("{\"names\":[\"a\",null]}"));
    assertTrue(inArray.getMessage().startsWith(PATH + ".names[1]: "), inArray.getMessage());
  }

  @Test
  void nonObjectConfigIsAnErrorNamingThePath() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> render("[\"--x\"]"));
    assertTrue(e.getMessage().startsWith(PATH + ": "), e.getMessage());
  }
}

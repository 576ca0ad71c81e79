package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code -o yaml} output read back by the readers users pipe it into: a YAML 1.1 reader (SnakeYAML,
 * whose implicit types are PyYAML's: {@code yes}, {@code 0x1F}, {@code 1_000}, {@code 12:30:00},
 * {@code 2001-12-14}...) and a YAML 1.2 core-schema reader. Every string, as a value and as a key,
 * must come back as that same string.
 */
class YamlQuotingTest {
  /**
   * Strings that YAML 1.1 or 1.2 readers resolve to booleans, numbers, dates, null, merge or value.
   */
  private static final List<String> AMBIGUOUS =
      List.of(
          "0x1F",
          "-0x1f",
          "0x_1F",
          "0b101",
          "0o17",
          "017",
          "0017",
          "1_000",
          "1__0",
          "+12",
          "-0",
          "1e3",
          "1E3",
          "1.",
          ".5",
          "1.5e3",
          "12:30:00",
          "1:20",
          "190:20:30.15",
          "-1:30",
          "2001-12-14",
          "2001-1-2",
          "2001-12-14t21:59:43.10-05:00",
          "2001-12-14 21:59:43.10 -5",
          "2001-12-15T02:59:43.1Z",
          ".inf",
          "-.Inf",
          "+.INF",
          ".nan",
          ".NaN",
          ".NAN",
          "~",
          "null",
          "Null",
          "NULL",
          "",
          "y",
          "Y",
          "n",
          "N",
          "yes",
          "No",
          "ON",
          "off",
          "True",
          "FALSE",
          "<<",
          "=",
          "-_",
          "._");

  /** Strings that must stay as they are (and may be plain). */
  private static final List<String> PLAIN =
      List.of(
          "hello",
          "vllm/vllm-openai:v0.10.1",
          "kthena:num_requests_waiting",
          "500m",
          "1.5Gi",
          "hf://Qwen/Qwen2.5",
          "a b",
          "e5",
          "_",
          "-",
          "0x",
          "12:3a",
          "2001-12");

  private static final Yaml YAML_1_1 = new Yaml(new SafeConstructor(new LoaderOptions()));
  private static final Load YAML_1_2 =
      new Load(LoadSettings.builder().setSchema(new CoreSchema()).build());

  @Test
  void ambiguousStringsReadBackAsStrings() {
    List<String> all = new ArrayList<>(AMBIGUOUS);
    all.addAll(PLAIN);
    assertRoundTrip(all);
  }

  /** The examples are quoted, not merely read back right by a lenient reader. */
  @Test
  void yaml11NumbersAndDatesAreQuoted() {
    String out =
        OutputFormat.yaml.renderOne(
            Map.of("v", List.of("0x1F", "12:30:00", "1_000", "2001-12-14")));
    assertEquals("v:\n- \"0x1F\"\n- \"12:30:00\"\n- \"1_000\"\n- \"2001-12-14\"\n", out);
    assertEquals(
        "v: hello\n",
        OutputFormat.yaml.renderOne(Map.of("v", "hello")),
        "plain strings stay plain");
  }

  /** Seeded strings over the characters that make scalars ambiguous. */
  @Test
  void generatedStringsReadBackAsStrings() {
    Random random = new Random(20261127);
    String alphabet = "0123456789_:.-+ xobeEtTZnNyY~<=";
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      StringBuilder s = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int j = 0; j < length; j++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      strings.add(s.toString());
    }
    assertRoundTrip(strings);
  }

  private static void assertRoundTrip(List<String> strings) {
    Map<String, Object> document = new LinkedHashMap<>();
    Map<String, Object> keys = new LinkedHashMap<>();
    for (int i = 0; i < strings.size(); i++) {
      document.put("k" + i, strings.get(i));
      keys.put(strings.get(i), "v");
    }
    document.put("keys", keys);
    String yaml = OutputFormat.yaml.renderOne(document);
    check("YAML 1.1", yaml, YAML_1_1::load, strings);
    check("YAML 1.2", yaml, YAML_1_2::loadFromString, strings);
  }

  private static void check(
      String reader, String yaml, Function<String, Object> load, List<String> strings) {
    Map<?, ?> read = (Map<?, ?>) load.apply(yaml);
    List<String> misread = new ArrayList<>();
    for (int i = 0; i < strings.size(); i++) {
      Object value = read.get("k" + i);
      if (!strings.get(i).equals(value)) {
        misread.add(
            strings.get(i)
                + " -> "
                + value
                + " ("
                + (value == null ? "null" : value.getClass().getSimpleName())
                + ")");
      }
    }
    Map<?, ?> keys = (Map<?, ?>) read.get("keys");
    for (Object key : keys.keySet()) {
      if (!(key instanceof String)) {
        misread.add("key " + key + " (" + key.getClass().getSimpleName() + ")");
      }
    }
    assertEquals(List.of(), misread, reader + " reader");
    assertTrue(
        keys.keySet().containsAll(new java.util.HashSet<>(strings)),
        reader + ": every key read back");
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Runs the plugin, in-process or as a user would, and reads what it printed. */
final class Cli {
  static final Path ROOT = Path.of("").toAbsolutePath();
  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Cli() {}

  /** What a run printed and how it ended. */
  record Outcome(int exit, String out, String err) {
    /** Each line of stderr, without JBang's own progress lines. */
    List<String> errLines() {
      return err.lines().filter(line -> !line.startsWith("[jbang]")).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Outcome inProcess(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        BoosterCommand.commandLine(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  static Outcome inProcess(String... args) {
    return inProcess("", Map.of(), args);
  }

  /**
   * Runs a real process in the project root with stdin from a file (or nothing), waiting at most
   * {@code timeoutSeconds}.
   */
  static Outcome process(
      List<String> command, Map<String, String> env, String stdin, long timeoutSeconds) {
    return process(command, true, env, stdin, timeoutSeconds);
  }

  /**
   * As {@link #process(List, Map, String, long)}; without {@code inherit}, the environment is only
   * {@code env}.
   */
  static Outcome process(
      List<String> command,
      boolean inherit,
      Map<String, String> env,
      String stdin,
      long timeoutSeconds) {
    try {
      Path dir = Files.createTempDirectory("booster-cli");
      Path in = Files.writeString(dir.resolve("stdin"), stdin);
      Path out = dir.resolve("stdout");
      Path err = dir.resolve("stderr");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(ROOT.toFile())
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      if (!inherit) {
        builder.environment().clear();
      }
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(err));
      }
      Outcome outcome =
          new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
      for (Path p : List.of(in, out, err, dir)) {
        Files.delete(p);
      }
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code ./jbang kubectl-booster.java ARGS}, exactly as the README tells users. */
  static Outcome jbang(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of("./jbang", "kubectl-booster.java"));
    command.addAll(List.of(args));
    return process(command, Map.of(), stdin, 180);
  }

  /** The documents of a YAML stream, skipping empty ones. */
  static List<JsonNode> yamlDocuments(String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = (JsonNode) it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** {@code Kind/name} of each object, in order. */
  static List<String> kindsAndNames(List<JsonNode> objects) {
    return objects.stream()
        .map(o -> o.path("kind").asString() + "/" + o.path("metadata").path("name").asString())
        .toList();
  }

  static void assertLineNaming(Outcome outcome, String... parts) {
    assertTrue(
        outcome.errLines().stream()
            .anyMatch(line -> List.of(parts).stream().allMatch(line::contains)),
        "expected a stderr line naming " + List.of(parts) + "\n" + outcome);
  }
}

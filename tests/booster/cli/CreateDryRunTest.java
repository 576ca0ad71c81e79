package booster.cli;

import static booster.cli.Cli.assertLineNaming;
import static booster.cli.Cli.kindsAndNames;
import static booster.cli.Cli.yamlDocuments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The offline render as users run it: a real process through {@code ./jbang kubectl-booster.java},
 * and through kubectl's plugin dispatch. JBang compiles the script once (warm-up) and reuses that
 * build for every run.
 */
class CreateDryRunTest {
  private static final Map<String, Cli.Outcome> RENDERED = new ConcurrentHashMap<>();

  @BeforeAll
  static void buildOnce() {
    Cli.Outcome version = Cli.jbang("", "--version");
    assertEquals(0, version.exit(), version.toString());
    assertEquals("kubectl-booster " + BoosterCommand.VERSION + "\n", version.out());
  }

  static Stream<String> examples() {
    return Examples.all().stream();
  }

  /** The YAML render of an example, run once and shared by the tests that compare against it. */
  private static Cli.Outcome rendered(String example) {
    return RENDERED.computeIfAbsent(
        example,
        name ->
            Cli.jbang(
                "",
                "create",
                "-f",
                Examples.path(name).toString(),
                "--dry-run=client",
                "-o",
                "yaml"));
  }

  @Test
  void everyExampleHasExpectations() {
    assertEquals(Examples.all(), Examples.RENDERS.keySet().stream().sorted().toList());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void rendersEachExampleAndItsChildren(String example) {
    Cli.Outcome outcome = rendered(example);
    assertEquals(0, outcome.exit(), outcome.toString());
    assertEquals(
        List.of("rendered for Kthena v1.0 (--kthena-version=auto, offline)"),
        outcome.errLines(),
        "nothing but the profile line and JBang progress on stderr");
    List<JsonNode> objects = yamlDocuments(outcome.out());
    assertEquals(Examples.RENDERS.get(example), kindsAndNames(objects));

    JsonNode booster = objects.get(0);
    String namespace = booster.path("metadata").path("namespace").asString();
    assertEquals(
        yamlDocuments(Examples.text(example))
            .get(0)
            .path("metadata")
            .path("namespace")
            .asString("default"),
        namespace,
        "the manifest's namespace, else default");
    for (JsonNode child : objects.subList(1, objects.size())) {
      assertEquals(
          namespace, child.path("metadata").path("namespace").asString(), child.toString());
      JsonNode owner = child.path("metadata").path("ownerReferences").path(0);
      assertEquals(booster.path("metadata").path("name").asString(), owner.path("name").asString());
      assertEquals("", owner.path("uid").asString(), "no uid offline");
      assertTrue(owner.path("controller").asBoolean(), child.toString());
    }
    assertTrue(!outcome.out().contains("!!"), "no YAML type tags");
  }

  @Test
  void jsonIsAListOfTheSameObjects() {
    Cli.Outcome json =
        Cli.jbang(
            "",
            "create",
            "-f",
            "examples/legacy-multi-backend.yaml",
            "--dry-run=client",
            "-o",
            "json");
    assertEquals(0, json.exit(), json.toString());
    JsonNode list = Cli.json(json.out());
    assertEquals("v1", list.path("apiVersion").asString());
    assertEquals("List", list.path("kind").asString());
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    assertEquals(Examples.RENDERS.get("legacy-multi-backend.yaml"), kindsAndNames(items));
    assertEquals(
        yamlDocuments(rendered("legacy-multi-backend.yaml").out()),
        items,
        "YAML and JSON carry the same values (strings stay strings)");
  }

  @Test
  void readsSeveralBoostersFromStdin() {
    String stdin =
        Examples.text("single-gpu.yaml") + "---\n" + Examples.text("prefill-decode.yaml");
    Cli.Outcome outcome = Cli.jbang(stdin, "create", "-f", "-", "--dry-run=client", "-o", "yaml");
    assertEquals(0, outcome.exit(), outcome.toString());
    assertEquals(
        rendered("single-gpu.yaml").out() + "---\n" + rendered("prefill-decode.yaml").out(),
        outcome.out(),
        "each booster renders as it does alone, in input order");
  }

  @Test
  void namespaceFlagAppliesWhereTheManifestSetsNone() {
    Cli.Outcome outcome =
        Cli.jbang(
            "",
            "create",
            "-f",
            "examples/single-gpu.yaml",
            "-n",
            "team-a",
            "--dry-run=client",
            "-o",
            "yaml");
    assertEquals(0, outcome.exit(), outcome.toString());
    List<JsonNode> objects = yamlDocuments(outcome.out());
    assertEquals(Examples.RENDERS.get("single-gpu.yaml"), kindsAndNames(objects));
    objects.forEach(
        o -> assertEquals("team-a", o.path("metadata").path("namespace").asString(), o.toString()));
  }

  @Test
  void badInputPrintsOneLinePerProblemAndNothingOnStdout(@TempDir Path dir) throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"),
            Examples.text("single-gpu.yaml").replace("minReplicas: 1", "minReplicas: lots"));
    Cli.Outcome outcome =
        Cli.jbang(
            "",
            "create",
            "-f",
            bad.toString(),
            "-f",
            "examples/single-gpu.yaml",
            "--dry-run=client",
            "-o",
            "yaml");
    assertEquals(1, outcome.exit(), outcome.toString());
    assertEquals("", outcome.out());
    assertLineNaming(outcome, bad.toString(), "spec.backend.minReplicas");
  }

  @Test
  void kubectlDispatchesToThePlugin(@TempDir Path bin) throws IOException {
    Path shim = bin.resolve("kubectl-booster");
    Files.writeString(
        shim,
        "#!/bin/sh\nexec '"
            + Cli.ROOT.resolve("jbang")
            + "' '"
            + Cli.ROOT.resolve("kubectl-booster.java")
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));

    Cli.Outcome viaKubectl =
        Cli.process(
            List.of(
                "/usr/bin/kubectl",
                "booster",
                "create",
                "-f",
                "examples/single-gpu.yaml",
                "--dry-run=client",
                "-o",
                "yaml"),
            env,
            "",
            180);
    assertEquals(0, viaKubectl.exit(), viaKubectl.toString());
    assertEquals(rendered("single-gpu.yaml").out(), viaKubectl.out());

    Cli.Outcome missing =
        Cli.process(
            List.of(
                "/usr/bin/kubectl", "booster", "create", "-f", "no-such.yaml", "--dry-run=client"),
            env,
            "",
            180);
    assertEquals(1, missing.exit(), missing.toString());
    assertEquals("", missing.out());
    assertLineNaming(missing, "no-such.yaml", "no such file");
  }
}

package booster.cli;

import static booster.cli.Cli.assertLineNaming;
import static booster.cli.Cli.inProcess;
import static booster.cli.Cli.kindsAndNames;
import static booster.cli.Cli.yamlDocuments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.translate.KthenaProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The create command in-process: every way input can be wrong, namespaces, formats and translator
 * flags.
 */
class CreateCommandTest {
  private static final String CLIENT = "--dry-run=client";

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path exampleWith(String name, String from, String to) throws IOException {
    String text = Examples.text("single-gpu.yaml");
    assertTrue(text.contains(from), from);
    return file(name, text.replace(from, to));
  }

  private static Cli.Outcome create(String... args) {
    return createWith("", Map.of(), args);
  }

  private static Cli.Outcome createWith(String stdin, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("create"));
    all.addAll(List.of(args));
    return inProcess(stdin, env, all.toArray(String[]::new));
  }

  /** Exit 1, nothing on stdout, and an error line naming each of {@code parts}. */
  private static void assertRejected(Cli.Outcome outcome, String... parts) {
    assertEquals(1, outcome.exit(), outcome.toString());
    assertEquals("", outcome.out(), "nothing printed when input is bad");
    assertLineNaming(outcome, parts);
    assertTrue(
        outcome.errLines().stream().allMatch(l -> l.startsWith("error: ")), outcome.toString());
  }

  @Test
  void rendersAnExample() {
    Cli.Outcome outcome =
        create("-f", "examples/single-gpu.yaml", "--dry-run=client", "-o", "yaml");
    assertEquals(0, outcome.exit(), outcome.toString());
    assertEquals(
        Examples.RENDERS.get("single-gpu.yaml"), kindsAndNames(yamlDocuments(outcome.out())));
  }

  @Test
  void missingFile() {
    assertRejected(
        create("-f", "examples/no-such.yaml", CLIENT), "examples/no-such.yaml", "no such file");
  }

  @Test
  void unreadableYaml() throws IOException {
    Path broken =
        file(
            "broken.yaml",
            "apiVersion: workload.serving.volcano.sh/v1alpha1\nkind: [ModelBooster\n");
    assertRejected(create("-f", broken.toString(), CLIENT), broken.toString());
  }

  /**
   * Each mistake is reported with its file and field path; the last one is a validation rule, not a
   * read error.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "kind: ModelBooster | kind: ConfigMap     | kind",
        "replicas: 1        | replicas: [1]       | spec.backend.workers[0].replicas",
        "type: vLLM         | type: SGLang        | spec.backend.type",
        "minReplicas: 1     | minReplicas: 3      | spec.backend.minReplicas"
      })
  void mistakeNamesFileAndField(String from, String to, String field) throws IOException {
    Path bad = exampleWith("bad.yaml", from, to);
    assertRejected(create("-f", bad.toString(), CLIENT), bad.toString(), field);
  }

  @Test
  void problemsOfEveryFileAreReportedTogether() throws IOException {
    Path first = exampleWith("first.yaml", "minReplicas: 1", "minReplicas: lots");
    Path second = exampleWith("second.yaml", "kind: ModelBooster", "kind: Pod");
    Cli.Outcome outcome =
        create(
            "-f",
            first.toString(),
            "-f",
            "examples/single-gpu.yaml",
            "-f",
            second.toString(),
            CLIENT);
    assertRejected(outcome, first.toString(), "spec.backend.minReplicas");
    assertLineNaming(outcome, second.toString(), "kind");
  }

  /** A file that cannot be read as boosters does not hide the validation problems of the others. */
  @Test
  void parseProblemsAreReportedWithTheOtherFilesValidationProblems() throws IOException {
    Path unknown = exampleWith("unknown.yaml", "minReplicas: 1", "minReplicas: 1\n    bogus: 1");
    Path invalid = exampleWith("invalid.yaml", "minReplicas: 1", "minReplicas: 3");
    Cli.Outcome outcome = create("-f", unknown.toString(), "-f", invalid.toString(), CLIENT);
    assertRejected(outcome, unknown.toString(), "spec.backend.bogus");
    assertLineNaming(outcome, invalid.toString(), "spec.backend.minReplicas");
  }

  /**
   * The same booster given twice would pass every check and then half-apply: an error naming both
   * inputs.
   */
  @Test
  void theSameBoosterInTwoInputsIsAnErrorNamingBoth() throws IOException {
    Path first = file("first.yaml", Examples.text("single-gpu.yaml"));
    Path second =
        file(
            "second.yaml",
            Examples.text("multi-node-ray.yaml")
                    .replace("namespace: inference", "namespace: default")
                + "---\n"
                + Examples.text("single-gpu.yaml")
                    .replace("max-model-len: 8192", "max-model-len: 4096"));
    Cli.Outcome outcome = create("-f", first.toString(), "-f", second.toString(), CLIENT);
    assertRejected(outcome);
    assertEquals(
        List.of(
            "error: "
                + second
                + ": ModelBooster \"qwen-chat\": also given in "
                + first
                + " (namespace \"default\"); give each booster once"),
        outcome.errLines());
    Cli.Outcome flagged =
        create("-f", first.toString(), "-f", first.toString(), "-n", "other", CLIENT);
    assertEquals(
        List.of(
            "error: "
                + first
                + ": ModelBooster \"qwen-chat\": also given in "
                + first
                + " (namespace \"other\"); give each booster once"),
        flagged.errLines());
    assertEquals(
        0,
        create("-f", "examples/single-gpu.yaml", "-f", "examples/multi-node-ray.yaml", CLIENT)
            .exit(),
        "different boosters are fine");
  }

  @Test
  void oneInvalidBoosterStopsTheWholeRender() throws IOException {
    Path mixed =
        file(
            "mixed.yaml",
            Examples.text("multi-node-ray.yaml")
                + "---\n"
                + Examples.text("single-gpu.yaml").replace("minReplicas: 1", "minReplicas: 2"));
    assertRejected(create("-f", mixed.toString(), CLIENT), mixed.toString(), "qwen-chat");
  }

  @Test
  void emptyInput() throws IOException {
    Path empty = file("empty.yaml", "# nothing here\n");
    assertRejected(create("-f", empty.toString(), CLIENT), empty.toString());
  }

  /**
   * As kubectl: -f takes a URL (a failed fetch names it and the status), and -R reads
   * subdirectories too.
   */
  @Test
  void readsUrlsAndDirectoriesRecursively() throws Exception {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/single-gpu.yaml",
        exchange -> {
          byte[] body =
              Examples.text("single-gpu.yaml").getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Cli.Outcome fetched = create("-f", base + "/single-gpu.yaml", CLIENT, "-o", "name");
      assertEquals(0, fetched.exit(), fetched.toString());
      assertTrue(
          fetched.out().startsWith("modelbooster.workload.serving.volcano.sh/qwen-chat\n"),
          fetched.out());
      assertRejected(
          create("-f", base + "/missing.yaml", CLIENT),
          base + "/missing.yaml",
          "unable to read URL, server reported status code 404");
    } finally {
      server.stop(0);
    }
    Path tree = Files.createDirectories(dir.resolve("tree").resolve("nested"));
    Files.writeString(tree.getParent().resolve("top.yaml"), Examples.text("single-gpu.yaml"));
    Files.writeString(tree.resolve("deep.yaml"), Examples.text("multi-node-ray.yaml"));
    Cli.Outcome flat = create("-f", tree.getParent().toString(), CLIENT, "-o", "name");
    assertEquals(0, flat.exit(), flat.toString());
    assertTrue(
        flat.out().startsWith("modelbooster.workload.serving.volcano.sh/qwen-chat\n"), flat.out());
    assertTrue(!flat.out().contains("llama-70b"), "without -R only the directory's own files");
    Cli.Outcome deep = create("-f", tree.getParent().toString(), "-R", CLIENT, "-o", "name");
    assertEquals(0, deep.exit(), deep.toString());
    assertTrue(
        deep.out().startsWith("modelbooster.workload.serving.volcano.sh/llama-70b\n"),
        "nested/deep.yaml " + "sorts before top.yaml: " + deep.out());
    assertTrue(
        deep.out().contains("modelbooster.workload.serving.volcano.sh/qwen-chat\n"), deep.out());
  }

  @Test
  void stdinOnlyOnce() {
    assertRejected(create("-f", "-", "-f", "-", CLIENT), "stdin");
  }

  @Test
  void readsStdin() {
    Cli.Outcome outcome =
        createWith(Examples.text("multi-node-ray.yaml"), Map.of(), "-f", "-", "--dry-run=client");
    assertEquals(0, outcome.exit(), outcome.toString());
    assertEquals(
        Examples.RENDERS.get("multi-node-ray.yaml"), kindsAndNames(yamlDocuments(outcome.out())));
  }

  @Test
  void readsADirectoryInNameOrder() throws IOException {
    Path examples = Files.createDirectory(dir.resolve("examples"));
    Files.writeString(examples.resolve("b.yaml"), Examples.text("single-gpu.yaml"));
    Files.writeString(examples.resolve("a.yml"), Examples.text("multi-node-ray.yaml"));
    Files.writeString(examples.resolve("notes.txt"), "not a manifest");
    Cli.Outcome outcome = create("-f", examples.toString(), CLIENT);
    assertEquals(0, outcome.exit(), outcome.toString());
    List<String> expected = new ArrayList<>(Examples.RENDERS.get("multi-node-ray.yaml"));
    expected.addAll(Examples.RENDERS.get("single-gpu.yaml"));
    assertEquals(expected, kindsAndNames(yamlDocuments(outcome.out())));
  }

  @Test
  void namespaceComesFromManifestThenFlagThenDefault() throws IOException {
    List<JsonNode> plain = yamlDocuments(create("-f", "examples/single-gpu.yaml", CLIENT).out());
    plain.forEach(o -> assertEquals("default", o.path("metadata").path("namespace").asString()));
    List<JsonNode> flagged =
        yamlDocuments(create("-f", "examples/single-gpu.yaml", "-n", "team-a", CLIENT).out());
    flagged.forEach(o -> assertEquals("team-a", o.path("metadata").path("namespace").asString()));
    List<JsonNode> own = yamlDocuments(create("-f", "examples/multi-node-ray.yaml", CLIENT).out());
    own.forEach(o -> assertEquals("inference", o.path("metadata").path("namespace").asString()));
    List<JsonNode> same =
        yamlDocuments(
            create("-f", "examples/multi-node-ray.yaml", "-n", "inference", CLIENT).out());
    assertEquals(own, same);
  }

  @Test
  void namespaceFlagContradictingTheManifestIsAnError() {
    assertRejected(
        create("-f", "examples/multi-node-ray.yaml", "-n", "team-a", CLIENT),
        "examples/multi-node-ray.yaml",
        "llama-70b",
        "metadata.namespace",
        "team-a");
  }

  @Test
  void namespaceAndValidationProblemsAreReportedTogether() throws IOException {
    Path invalid = exampleWith("invalid.yaml", "minReplicas: 1", "minReplicas: 3");
    Cli.Outcome outcome =
        create(
            "-f", "examples/multi-node-ray.yaml", "-f", invalid.toString(), "-n", "team-a", CLIENT);
    assertRejected(outcome, "examples/multi-node-ray.yaml", "metadata.namespace");
    assertLineNaming(outcome, invalid.toString(), "spec.backend.minReplicas");
  }

  @Test
  void jsonIsAKubernetesList() {
    Cli.Outcome outcome =
        create("-f", "examples/prefill-decode.yaml", "--dry-run=client", "-o", "json");
    assertEquals(0, outcome.exit(), outcome.toString());
    JsonNode list = Cli.json(outcome.out());
    assertEquals("List", list.path("kind").asString());
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    assertEquals(yamlDocuments(create("-f", "examples/prefill-decode.yaml", CLIENT).out()), items);
  }

  @Test
  void outputIsDeterministic() {
    String first = create("-f", "examples/legacy-multi-backend.yaml", CLIENT).out();
    assertEquals(first, create("-f", "examples/legacy-multi-backend.yaml", CLIENT).out());
  }

  @Test
  void imageFlagsWinOverEnvironment() {
    Map<String, String> env =
        Map.of(
            "BOOSTER_DOWNLOADER_IMAGE",
            "registry.example/downloader:env",
            "BOOSTER_RUNTIME_IMAGE",
            "registry.example/runtime:env");
    String fromEnv = createWith("", env, "-f", "examples/single-gpu.yaml", CLIENT).out();
    assertTrue(fromEnv.contains("registry.example/downloader:env"), fromEnv);
    assertTrue(fromEnv.contains("registry.example/runtime:env"), fromEnv);
    String fromFlags =
        createWith(
                "",
                env,
                "-f",
                "examples/single-gpu.yaml",
                CLIENT,
                "--downloader-image",
                "registry.example/downloader:flag",
                "--runtime-image",
                "registry.example/runtime:flag")
            .out();
    assertTrue(
        fromFlags.contains("registry.example/downloader:flag") && !fromFlags.contains(":env"),
        fromFlags);
    assertTrue(fromFlags.contains("registry.example/runtime:flag"), fromFlags);
  }

  @Test
  void warningsGoToStderrAndDoNotStopTheRender() throws IOException {
    Path connector =
        file(
            "connector.yaml",
            Examples.text("prefill-decode.yaml")
                .replace("MooncakeConnector", "SomeFutureConnector"));
    Cli.Outcome outcome = create("-f", connector.toString(), CLIENT);
    assertEquals(0, outcome.exit(), outcome.toString());
    assertTrue(
        outcome.errLines().stream()
            .anyMatch(
                l ->
                    l.startsWith("Warning: ")
                        && l.contains(connector.toString())
                        && l.contains("SomeFutureConnector")),
        outcome.toString());
    assertEquals(
        Examples.renders("prefill-decode.yaml", KthenaProfile.V1_0),
        kindsAndNames(yamlDocuments(outcome.out())));
  }

  @Test
  void generateNameIsRefusedWithoutANullName() {
    String manifest =
        """
        apiVersion: workload.serving.volcano.sh/v1alpha1
        kind: ModelBooster
        metadata:
          generateName: qwen-
        spec:
          backend:
            name: gpu
            type: vLLM
            modelURI: hf://Qwen/Qwen2.5-1.5B-Instruct
            minReplicas: 1
            maxReplicas: 1
            workers:
            - type: server
              image: vllm/vllm-openai:latest
        """;
    Cli.Outcome outcome = createWith(manifest, Map.of(), "-f", "-", CLIENT);
    assertEquals(1, outcome.exit(), outcome.toString());
    assertEquals(
        List.of(
            "error: -: ModelBooster: metadata.name: Required value: name is required (generateName is "
                + "not supported: children are named after metadata.name)"),
        outcome.errLines());
  }

  @Test
  void bareDryRunMeansClient() {
    Cli.Outcome outcome = create("-f", "examples/single-gpu.yaml", "--dry-run");
    assertEquals(0, outcome.exit(), outcome.toString());
  }

  /**
   * The cluster modes themselves are tested against an API server in CreateCommandOnClusterTest.
   */
  @Test
  void otherDryRunModesNeedACluster() {
    for (String[] args :
        List.of(
            new String[] {"--dry-run=none"}, new String[] {"--dry-run=server"}, new String[] {})) {
      List<String> all =
          new ArrayList<>(
              List.of("-f", "examples/single-gpu.yaml", "--kubeconfig", "/no/such/file"));
      all.addAll(List.of(args));
      assertRejected(create(all.toArray(String[]::new)), "/no/such/file");
    }
  }

  @Test
  void commandLineMistakesExitWithTwo() {
    Cli.Outcome unknown = create("-f", "examples/single-gpu.yaml", "--bogus");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertLineNaming(unknown, "--bogus");
    assertEquals(2, create("--dry-run=client").exit(), "-f is required");
    assertEquals(2, create("-f", "examples/single-gpu.yaml", "-o", "xml").exit());
  }

  @Test
  void offlineAutoRendersForKthenaV10AndSaysSoOnStderr() {
    Cli.Outcome outcome = create("-f", "examples/prefill-decode.yaml", CLIENT, "-o", "yaml");
    assertEquals(0, outcome.exit(), outcome.toString());
    assertEquals(
        Examples.renders("prefill-decode.yaml", KthenaProfile.V1_0),
        kindsAndNames(yamlDocuments(outcome.out())));
    assertEquals(
        List.of("rendered for Kthena v1.0 (--kthena-version=auto, offline)"), outcome.errLines());
    assertTrue(
        yamlDocuments(outcome.out()).get(4).path("spec").has("homogeneousTarget"), outcome.out());
  }

  @Test
  void kthenaVersionFlagOrEnvironmentPicksTheProfileAndTheFlagWins() {
    Cli.Outcome flag =
        create("-f", "examples/prefill-decode.yaml", CLIENT, "--kthena-version=v0.4");
    assertEquals(
        Examples.renders("prefill-decode.yaml", KthenaProfile.V0_4),
        kindsAndNames(yamlDocuments(flag.out())));
    assertEquals(
        List.of("rendered for Kthena v0.4 (--kthena-version=v0.4, offline)"), flag.errLines());

    Cli.Outcome env =
        createWith(
            "",
            Map.of("BOOSTER_KTHENA_VERSION", "v0.4"),
            "-f",
            "examples/prefill-decode.yaml",
            CLIENT);
    assertEquals(
        Examples.renders("prefill-decode.yaml", KthenaProfile.V0_4),
        kindsAndNames(yamlDocuments(env.out())));
    assertEquals(
        List.of("rendered for Kthena v0.4 (BOOSTER_KTHENA_VERSION=v0.4, offline)"), env.errLines());

    Cli.Outcome both =
        createWith(
            "",
            Map.of("BOOSTER_KTHENA_VERSION", "v0.4"),
            "-f",
            "examples/prefill-decode.yaml",
            CLIENT,
            "--kthena-version",
            "v1.0");
    assertEquals(
        Examples.renders("prefill-decode.yaml", KthenaProfile.V1_0),
        kindsAndNames(yamlDocuments(both.out())));
  }

  @Test
  void anUnknownKthenaVersionIsAUsageError() {
    Cli.Outcome flag = create("-f", "examples/single-gpu.yaml", CLIENT, "--kthena-version=v0.9");
    assertEquals(2, flag.exit(), flag.toString());
    assertLineNaming(flag, "--kthena-version", "v0.9", "auto, v0.4 or v1.0");
    Cli.Outcome env =
        createWith(
            "",
            Map.of("BOOSTER_KTHENA_VERSION", "latest"),
            "-f",
            "examples/single-gpu.yaml",
            CLIENT);
    assertEquals(2, env.exit(), env.toString());
    assertLineNaming(env, "BOOSTER_KTHENA_VERSION", "latest");
    assertEquals("", env.out());
  }

  @Test
  void roleAutoscalingNeedsKthenaV10() {
    String manifest =
        Examples.text("prefill-decode.yaml")
            .replace("maxReplicas: 4", "maxReplicas: 1")
            .replaceFirst("(type: prefill\n(\\s+)image: [^\\n]+\\n)", "$1$2maxReplicas: 3\n");
    Cli.Outcome v04 = createWith(manifest, Map.of(), "-f", "-", CLIENT, "--kthena-version=v0.4");
    assertEquals(1, v04.exit(), v04.toString());
    assertLineNaming(v04, "maxReplicas", "v1.0");
    Cli.Outcome v10 = createWith(manifest, Map.of(), "-f", "-", CLIENT, "-o", "yaml");
    assertEquals(0, v10.exit(), v10.toString());
    assertTrue(yamlDocuments(v10.out()).get(4).path("spec").has("disaggregatedTarget"), v10.out());
  }

  @Test
  void examplesThatNeedKthenaV10AreRefusedForV04() {
    Examples.NEEDS_KTHENA_V1.forEach(
        (example, field) -> {
          Cli.Outcome v04 =
              create("-f", Examples.path(example).toString(), CLIENT, "--kthena-version=v0.4");
          assertEquals(1, v04.exit(), v04.toString());
          assertLineNaming(v04, field, "role autoscaling needs Kthena v1.0");
          Cli.Outcome v10 = create("-f", Examples.path(example).toString(), CLIENT, "-o", "yaml");
          assertEquals(
              Examples.renders(example, KthenaProfile.V1_0),
              kindsAndNames(yamlDocuments(v10.out())));
        });
  }
}

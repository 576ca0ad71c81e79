package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl booster <TAB>} end to end: the real kubectl's {@code __complete} (what its bash
 * and zsh scripts call) finds {@code kubectl-booster} and the shipped {@code
 * release/kubectl_complete-booster} on PATH and relays their answer. kubectl-booster is the plugin
 * on the test class path; KUBECONFIG points at the test cluster.
 */
class KubectlCompletionTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @TempDir Path bin;

  private Map<String, String> env;

  @BeforeEach
  void plugin() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "needs kubectl");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path launcher = bin.resolve("kubectl-booster");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + PluginMain.class.getName()
            + " \"$@\"\n");
    launcher.toFile().setExecutable(true);
    Files.copy(
        Cli.ROOT.resolve("release/kubectl_complete-booster"),
        bin.resolve("kubectl_complete-booster"),
        StandardCopyOption.COPY_ATTRIBUTES);
    env =
        Map.of(
            "PATH",
            bin + ":/usr/bin:/bin",
            "HOME",
            bin.toString(),
            "KUBECONFIG",
            new PluginFixture(cluster).kubeconfig().toString());
  }

  /**
   * What kubectl prints for {@code kubectl __complete booster WORDS...}: candidates, then the
   * directive.
   */
  private List<String> complete(String... words) {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "__complete", "booster"));
    command.addAll(List.of(words));
    Cli.Outcome outcome = Cli.process(command, env, "", 120);
    assertEquals(0, outcome.exit(), outcome.toString());
    return outcome.out().lines().toList();
  }

  private void booster(String name, String namespace) {
    ModelBooster booster = Golden.input("v0.4.0", "model.yaml");
    booster.getMetadata().setName(name);
    booster.getMetadata().setNamespace(namespace);
    Kinds.boosters(cluster.client()).resource(booster).create();
  }

  @Test
  void subcommandsFlagsAndFlagValuesWithoutAskingTheCluster() {
    List<String> all = complete("");
    assertEquals(
        List.of("create", "diff", "status", "tree", "completion", "version", ":4"),
        all.stream().map(l -> l.split("\t")[0]).toList());
    assertEquals(
        "create\tCreate ModelBoosters from manifests.",
        all.get(0),
        "with the description's first sentence");
    assertEquals(
        List.of(
            "status\tShow a booster's conditions, generations, children with their readiness, and "
                + "recent events.",
            ":4"),
        complete("st"));
    assertEquals(
        List.of(
            "--output\tOutput format: yaml, json, name, wide, jsonpath=TEMPLATE (kubectl's JSONPath over "
                + "what -o json prints).",
            ":4"),
        complete("status", "--out"));
    assertEquals(
        List.of("yaml", "yml", "json", ":8"), complete("create", "-f", ""), "manifest files");
    assertEquals(List.of("json", "jsonpath=", ":4"), complete("status", "qwen", "-o", "j"));
    assertEquals(
        List.of("jsonpath=", ":6"), complete("status", "-o", "jsonp"), "no space after jsonpath=");
    assertEquals(List.of("auto", "v0.4", "v1.0", ":4"), complete("diff", "--kthena-version", ""));
    assertEquals(List.of("bash", "zsh", ":4"), complete("completion", ""));
    assertEquals(
        List.of("dead", "elsewhere", "test", ":4"),
        complete("tree", "--context", ""),
        "from the kubeconfig");
    Assumptions.assumeTrue(cluster.isMock(), "counting requests needs the mock");
    // kubectl itself asks for the server's /version on each completion; the plugin asked for
    // nothing.
    assertEquals(
        List.of(),
        cluster.requests().stream().filter(r -> !r.startsWith("GET /version")).toList(),
        "none of these asks the cluster");
  }

  @Test
  void boosterNamesAndNamespacesFromTheCluster() {
    booster("qwen", cluster.namespace());
    booster("llama", cluster.namespace());
    booster("mistral", "elsewhere");
    assertEquals(List.of("llama", "qwen", ":4"), complete("status", ""));
    assertEquals(List.of("qwen", ":4"), complete("tree", "q"));
    assertEquals(List.of("mistral", ":4"), complete("diff", "-n", "elsewhere", ""));
    assertEquals(List.of("mistral", ":4"), complete("status", "--context", "elsewhere", ""));
    assertTrue(
        complete("tree", "-n", "").contains(cluster.namespace()), "namespaces of the cluster");
    assertEquals(
        List.of(":4"),
        complete("status", "--context", "dead", ""),
        "an unreachable cluster: no names");
    assertEquals(
        List.of("llama", "qwen"), noDescriptions("status", ""), "kubectl's __completeNoDesc");
  }

  private List<String> noDescriptions(String... words) {
    List<String> command =
        new ArrayList<>(List.of(KUBECTL.toString(), "__completeNoDesc", "booster"));
    command.addAll(List.of(words));
    return Cli.process(command, env, "", 120)
        .out()
        .lines()
        .filter(l -> !l.startsWith(":"))
        .toList();
  }
}

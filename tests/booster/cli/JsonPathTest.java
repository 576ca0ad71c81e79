package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our {@code -o jsonpath=} against kubectl's own, on the same document: {@code kubectl config view
 * -o json} of a kubeconfig (kubectl needs no cluster for it), then each template through {@code
 * kubectl config view -o jsonpath=} and through {@link JsonPath}.
 */
class JsonPathTest {
  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: a
        cluster: {server: "https://a:6443"}
      - name: b
        cluster: {server: "https://b:6443", insecure-skip-tls-verify: true}
      - name: c
        cluster: {server: "https://c:6443"}
      users:
      - name: u
        user: {token: t}
      contexts:
      - name: one
        context: {cluster: a, user: u, namespace: ns-x}
      - name: two
        context: {cluster: b, user: u, namespace: ns-y}
      - name: three
        context: {cluster: c, user: u}
      current-context: two
      """;

  private static final List<String> TEMPLATES =
      List.of(
          "{.contexts[*].name}",
          "{.contexts[-1:].name}",
          "{.contexts[0].name}",
          "{.contexts[-1].name}",
          "{range .contexts[*]}{.name}{\"\\t\"}{.context.namespace}{\"\\n\"}{end}",
          "{.contexts[?(@.context.namespace==\"ns-y\")].name}",
          "{.contexts[?(@.context.namespace!=\"ns-y\")].name}",
          "{..server}",
          "{.clusters[1:3].name}",
          "{.clusters[:2].name}",
          "{.users[*].user}",
          "{.current-context}",
          "{.missing}",
          "{.contexts[0].context}",
          "{.contexts[1]}",
          "{.clusters[?(@.cluster.insecure-skip-tls-verify)].name}",
          "x{.kind}y",
          "{$.kind}",
          "{.contexts[*].context.namespace}",
          ".kind",
          "{.clusters[*].cluster.*}",
          "{.contexts[*]['name']}",
          "{range .clusters[*]}[{.name}]{end}");

  @Test
  void rendersAsKubectlDoes(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "needs kubectl");
    Path kubeconfig = Files.writeString(dir.resolve("config"), KUBECONFIG);
    List<String> base =
        List.of(
            "/usr/bin/kubectl", "config", "view", "--raw", "--kubeconfig", kubeconfig.toString());
    Cli.Outcome json = Cli.process(concat(base, "-o", "json"), Map.of(), "", 60);
    Object document = JsonMapper.builder().build().readValue(json.out(), Object.class);
    for (String template : TEMPLATES) {
      Cli.Outcome kubectl =
          Cli.process(concat(base, "-o", "jsonpath=" + template), Map.of(), "", 60);
      assertEquals(0, kubectl.exit(), template + ": " + kubectl.err());
      String ours = JsonPath.parse(template).render(document);
      if (template.contains(".*")) {
        // kubectl walks a map's values in Go's map order, which is random from run to run
        assertEquals(words(kubectl.out()), words(ours), template);
      } else {
        assertEquals(kubectl.out(), ours, template);
      }
    }
  }

  @Test
  void mistakesAreNamed() {
    assertEquals(
        "{range ...} without an {end}",
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("{range .items[*]}{.x}"))
            .getMessage());
    assertEquals(
        "unclosed action at column 1",
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("{.a")).getMessage());
  }

  private static List<String> words(String text) {
    return List.of(text.split(" ")).stream().sorted().toList();
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }
}

package booster.cli;

import booster.api.ManifestReader;
import booster.api.ModelBooster;
import booster.api.ModelBoosterStatus;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The launcher's hidden training run for its start-up cache (an AOT cache on Java 25+, an AppCDS
 * archive before): one JVM runs help, completion, an offline create, and create, status, tree and
 * diff against a loopback {@link WarmupServer} and against a server that refuses connections, so
 * the cache holds what every command needs, not only what the user happened to run first. Prints
 * nothing; touches no cluster.
 */
public final class Warmup {
  /** Prefill/decode with autoscaling, so every child kind is rendered. */
  private static final String BOOSTER =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: warmup, namespace: default}
      spec:
        autoscalingPolicy:
          metrics: [{metricName: "kthena:num_requests_waiting", targetValue: 8}]
        backend:
          name: pd
          type: vLLMDisaggregated
          modelURI: hf://example/model
          cacheURI: hostpath:///var/cache/models
          minReplicas: 1
          maxReplicas: 2
          workers:
          - type: prefill
            image: vllm/vllm-openai:latest
            replicas: 1
            config: {kv-transfer-config: '{"kv_connector":"MooncakeConnector","kv_role":"kv_producer"}'}
            resources: {limits: {nvidia.com/gpu: "1"}}
          - type: decode
            image: vllm/vllm-openai:latest
            replicas: 1
            config: {kv-transfer-config: '{"kv_connector":"MooncakeConnector","kv_role":"kv_consumer"}'}
            resources: {limits: {nvidia.com/gpu: "1"}}
      """;

  private Warmup() {}

  public static void main(String... args) throws IOException {
    // As the plugin's entry point: fabric8's SLF4J logging stays off.
    System.getProperties()
        .putIfAbsent("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.getProperties().putIfAbsent("slf4j.internal.verbosity", "WARN");
    Path dir = Files.createTempDirectory("kubectl-booster-warmup");
    try {
      String file = write(dir, "booster.yaml", BOOSTER);
      String changed =
          write(dir, "changed.yaml", BOOSTER.replace("maxReplicas: 2", "maxReplicas: 3"));
      String fresh = write(dir, "fresh.yaml", BOOSTER.replace("name: warmup", "name: warmup-2"));
      run("--version");
      run("--help");
      run("completion", "bash");
      BoosterCommand.complete(List.of(""), new PrintWriter(Writer.nullWriter()));
      BoosterCommand.complete(List.of("status", "--o"), new PrintWriter(Writer.nullWriter()));
      run("status");
      run("create", "--help");
      for (String format : List.of("yaml", "json", "name")) {
        run("create", "-f", file, "--dry-run=client", "-o", format);
      }
      run(
          "create",
          "-f",
          write(dir, "bad.yaml", BOOSTER.replace("minReplicas: 1", "minReplicas: -1")),
          "--dry-run=client");
      try (WarmupServer server =
          new WarmupServer(
              stored(), new Translator(TranslatorConfig.defaults()).translate(stored()))) {
        String kubeconfig = write(dir, "kubeconfig", kubeconfig(server.url()));
        for (String context : List.of("warmup", "dead")) {
          List<String> cluster =
              List.of("--kubeconfig", kubeconfig, "--context", context, "--request-timeout", "5s");
          run(cluster, "status", "warmup");
          List<String> words = new ArrayList<>(cluster);
          words.add(0, "status");
          words.add("");
          BoosterCommand.complete(words, new PrintWriter(Writer.nullWriter()));
          run(cluster, "status", "warmup", "-o", "yaml");
          run(cluster, "status", "-A");
          run(cluster, "status", "missing");
          run(cluster, "tree", "warmup");
          run(cluster, "diff", "warmup");
          run(cluster, "diff", "-f", changed);
          run(cluster, "create", "-f", fresh);
          run(cluster, "create", "-f", changed, "--apply", "--dry-run=server");
        }
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static String write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  /** The training booster as a cluster stores it: with a UID, a creation time and conditions. */
  private static ModelBooster stored() {
    ModelBooster booster = ManifestReader.read("warmup", input(BOOSTER)).get(0);
    booster.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
    booster.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    booster.getMetadata().setGeneration(1L);
    booster.setStatus(new ModelBoosterStatus());
    booster.getStatus().setObservedGeneration(1L);
    booster
        .getStatus()
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("Active")
                .withStatus("True")
                .withReason("Ready")
                .withMessage("warm-up")
                .withLastTransitionTime("2026-01-01T00:00:00Z")
                .build());
    return booster;
  }

  private static String kubeconfig(String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: warmup, cluster: {server: "%s"}}
        - {name: dead, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}
        users: [{name: warmup, user: {token: warmup}}]
        contexts:
        - {name: warmup, context: {cluster: warmup, user: warmup, namespace: default}}
        - {name: dead, context: {cluster: dead, user: warmup, namespace: default}}
        current-context: warmup
        """
        .formatted(url);
  }

  private static void run(List<String> options, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(options);
    run(all.toArray(String[]::new));
  }

  /** One command as the plugin runs it, its output discarded. */
  private static void run(String... args) {
    CommandLine cli = BoosterCommand.commandLine(input(""), Map.of(), args);
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    cli.setOut(discard);
    cli.setErr(discard);
    cli.execute(args);
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}

package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs plugin commands in-process against a TestCluster through a kubeconfig file, as a user would.
 */
final class PluginFixture {
  /** What a command printed and returned. */
  record Result(int exit, String out, String err) {}

  private final TestCluster cluster;

  PluginFixture(TestCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * A kubeconfig whose current context {@code test} points at the cluster with this test's
   * namespace, plus a context {@code elsewhere} in another namespace and a context {@code dead}
   * whose server refuses connections.
   */
  Path kubeconfig() {
    Config config = cluster.client().getConfiguration();
    String user = credentials(config);
    String text =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        - name: dead
          cluster: {server: "https://127.0.0.1:1"}
        users:
        - name: tester
          user: %s
        contexts:
        - name: test
          context: {cluster: test, user: tester, namespace: %s}
        - name: elsewhere
          context: {cluster: test, user: tester, namespace: elsewhere}
        - name: dead
          context: {cluster: dead, user: tester, namespace: %s}
        current-context: test
        """
            .formatted(config.getMasterUrl(), user, cluster.namespace(), cluster.namespace());
    try {
      Path file = Files.createTempFile("booster-kubeconfig", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The test client's credentials as a kubeconfig user (token, client certificate), for real API
   * servers.
   */
  private static String credentials(Config config) {
    List<String> fields = new ArrayList<>();
    if (config.getOauthToken() != null) {
      fields.add("token: \"" + config.getOauthToken() + "\"");
    }
    if (config.getClientCertData() != null) {
      fields.add("client-certificate-data: " + config.getClientCertData());
      fields.add("client-key-data: " + config.getClientKeyData());
    } else if (config.getClientCertFile() != null) {
      fields.add("client-certificate: \"" + config.getClientCertFile() + "\"");
      fields.add("client-key: \"" + config.getClientKeyFile() + "\"");
    }
    return "{" + String.join(", ", fields) + "}";
  }

  /**
   * Runs {@code kubectl booster ARGS} (ARGS start with the subcommand) with the fixture kubeconfig
   * unless ARGS name one, no color, and a clock fixed at {@code now}.
   */
  Result run(Instant now, String... args) {
    return run(Map.of(), "", now, args);
  }

  /**
   * Creates the booster of {@code manifest} (in the context's namespace) with {@code create -f -},
   * then its children as the operator would apply them (Kthena v0.4, the cluster's default
   * release).
   */
  ModelBooster createWithChildren(String manifest, String name) {
    Result created = run(Map.of(), manifest, Instant.now(), "create", "-f", "-");
    if (created.exit() != 0) {
      throw new IllegalStateException("create failed: " + created.err());
    }
    ModelBooster booster =
        Kinds.boosters(cluster.client()).inNamespace(cluster.namespace()).withName(name).get();
    for (GenericKubernetesResource child :
        new Translator(TranslatorConfig.fromEnvironment(Map.of())).translate(booster)) {
      Kinds.children(cluster.client(), ChildKind.ofKind(child.getKind()))
          .inNamespace(cluster.namespace())
          .resource(child)
          .create();
    }
    return booster;
  }

  Result run(Map<String, String> environment, String stdin, Instant now, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--kubeconfig")) {
      all.add("--kubeconfig");
      all.add(kubeconfig().toString());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        BoosterCommand.commandLine(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment);
    CommandLine sub = cli.getSubcommands().get(args[0]);
    if (sub.getCommand() instanceof ClusterCommand command) {
      command.clock = Clock.fixed(now, ZoneOffset.UTC);
      command.terminal = Terminal.plain();
    }
    if (sub.getCommand() instanceof CreateCommand create) {
      create.pollMillis = 100;
      create.hintAfter = Duration.ofSeconds(1);
    }
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }
}

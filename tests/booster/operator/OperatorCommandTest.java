package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.GoDuration;
import booster.cluster.KthenaVersion;
import booster.translate.KthenaProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OperatorCommandTest {
  private static OperatorOptions parse(String... args) {
    OperatorCommand command = new OperatorCommand();
    OperatorCommand.commandLine(command).parseArgs(args);
    return command.options();
  }

  @Test
  void flagsBecomeOptions() {
    OperatorOptions o =
        parse(
            "--namespaces",
            "a,b",
            "--workers",
            "3",
            "--resync",
            "30s",
            "--leader-elect=false",
            "--health-port",
            "9090",
            "--downloader-image",
            "dl:1",
            "--runtime-image",
            "rt:2",
            "--lease-name",
            "x");
    assertEquals(List.of("a", "b"), o.namespaces());
    assertEquals(3, o.workers());
    assertEquals(Duration.ofSeconds(30), o.resync());
    assertEquals(Boolean.FALSE, o.leaderElect());
    assertEquals(9090, o.healthPort());
    assertEquals("dl:1", o.translator().downloaderImage());
    assertEquals("rt:2", o.translator().runtimeImage());
    assertEquals("x", o.lease().name());
  }

  @Test
  void defaults() {
    OperatorOptions o = parse();
    assertEquals(List.of(), o.namespaces(), "all namespaces");
    assertEquals(2, o.workers());
    assertEquals(Duration.ofMinutes(10), o.resync());
    assertNull(o.leaderElect(), "decided by where it runs");
    assertEquals(8081, o.healthPort());
  }

  @Test
  void kthenaVersion() {
    assertEquals(KthenaProfile.V0_4, parse("--kthena-version", "v0.4").kthenaVersion().fixed());
    assertEquals(KthenaProfile.V1_0, parse("--kthena-version=1.0").kthenaVersion().fixed());
    assertEquals(KthenaVersion.AUTO, parse("--kthena-version=auto").kthenaVersion());
    if (System.getenv(KthenaVersion.ENV) == null) {
      assertEquals(KthenaVersion.AUTO, parse().kthenaVersion(), "auto by default");
    }
    CommandLine.ParameterException bad =
        assertThrows(CommandLine.ParameterException.class, () -> parse("--kthena-version", "v2"));
    assertTrue(bad.getMessage().contains("expected auto, v0.4 or v1.0"), bad.getMessage());
  }

  @Test
  void countsAreWholeNumbersInWords() {
    CommandLine.ParameterException bad =
        assertThrows(CommandLine.ParameterException.class, () -> parse("--workers", "two"));
    assertEquals(
        "Invalid value for option '--workers': not a whole number between -2147483648 and 2147483647: two",
        bad.getMessage());
    assertEquals(3, parse("--workers", "3").workers());
  }

  @Test
  void durations() {
    GoDuration.Converter c = new GoDuration.Converter();
    assertEquals(Duration.ZERO, c.convert("0"));
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofHours(1), c.convert("1h"));
    assertEquals(Duration.ofSeconds(90), c.convert("1m30s"));
    assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("5d"));
  }

  private static Path unreachable(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("config"),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}, {name: y, context: {cluster: c, user: u}}]
        current-context: y
        """);
  }

  /** --fail-fast: the server is named at start, then one line and exit 1, within seconds. */
  @Test
  void anUnreachableClusterWithFailFastIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
    long start = System.nanoTime();
    try (LogLines log = new LogLines(Operator.class)) {
      assertEquals(
          1,
          OperatorCommand.run(
              "--health-port=-1",
              "--leader-elect=false",
              "--fail-fast",
              "--kubeconfig",
              unreachable(dir).toString(),
              "--context",
              "x"));
      assertEquals(
          List.of(
              "INFO API server https://127.0.0.1:1/ (kubeconfig context x)",
              "SEVERE error: cannot reach the cluster at https://127.0.0.1:1/: connection refused (--fail-fast)"),
          log.lines());
    }
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "fails within seconds");
  }

  /**
   * Without --fail-fast every attempt says why and when the next one comes, with the pause
   * doubling.
   */
  @Test
  void anUnreachableClusterIsRetriedAndEachRetryLogged(@TempDir Path dir) throws Exception {
    OperatorCommand command = new OperatorCommand();
    command.firstRetry = Duration.ofMillis(100);
    Path kubeconfig = unreachable(dir);
    try (LogLines log = new LogLines(Operator.class)) {
      java.util.concurrent.atomic.AtomicInteger exit =
          new java.util.concurrent.atomic.AtomicInteger(-1);
      Thread run =
          new Thread(
              () ->
                  exit.set(
                      new CommandLine(command)
                          .execute(
                              "--health-port=-1",
                              "--leader-elect=false",
                              "--kubeconfig",
                              kubeconfig.toString())));
      run.start();
      Running.await(
          "three retries logged",
          () -> log.lines().stream().filter(l -> l.contains("retrying")).count() >= 3);
      run.interrupt();
      run.join(10_000);
      assertEquals(1, exit.get(), "interrupted while waiting to retry");
      String cause =
          "WARNING error: cannot reach the cluster at https://127.0.0.1:1/: connection refused; ";
      assertEquals(
          List.of(
              "INFO API server https://127.0.0.1:1/ (kubeconfig context y)",
              cause + "retrying in 100ms (attempt 1; --fail-fast exits instead)",
              cause + "retrying in 200ms (attempt 2; --fail-fast exits instead)",
              cause + "retrying in 400ms (attempt 3; --fail-fast exits instead)"),
          log.lines().subList(0, 4));
    }
  }

  @Test
  void anUnknownContextOrKubeconfigIsAUsageError(@TempDir Path dir) throws IOException {
    assertEquals(
        2, OperatorCommand.run("--kubeconfig", unreachable(dir).toString(), "--context", "nope"));
    assertEquals(2, OperatorCommand.run("--kubeconfig", dir.resolve("missing").toString()));
  }
}

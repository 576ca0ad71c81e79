package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.KthenaVersion;
import booster.translate.KthenaProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    OperatorOptions o = parse("--namespaces", "a,b", "--workers", "3", "--resync", "30s", "--leader-elect=false",
        "--health-port", "9090", "--downloader-image", "dl:1", "--runtime-image", "rt:2", "--lease-name", "x");
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
    CommandLine.ParameterException bad = assertThrows(CommandLine.ParameterException.class,
        () -> parse("--kthena-version", "v2"));
    assertTrue(bad.getMessage().contains("expected auto, v0.4 or v1.0"), bad.getMessage());
  }

  @Test
  void countsAreWholeNumbersInWords() {
    CommandLine.ParameterException bad = assertThrows(CommandLine.ParameterException.class,
        () -> parse("--workers", "two"));
    assertEquals("Invalid value for option '--workers': not a whole number between -2147483648 and 2147483647: two",
        bad.getMessage());
    assertEquals(3, parse("--workers", "3").workers());
  }

  @Test
  void durations() {
    OperatorCommand.DurationConverter c = new OperatorCommand.DurationConverter();
    assertEquals(Duration.ZERO, c.convert("0"));
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofHours(1), c.convert("1h"));
    assertEquals(Duration.ofSeconds(90), c.convert("1m30s"));
    assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("5d"));
  }

  @Test
  void anUnreachableClusterIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
    Path kubeconfig = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """);
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getLevel() + " " + r.getMessage());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger logger = Logger.getLogger(Operator.class.getName());
    String[] keys = {"kubeconfig", "kubernetes.request.retry.backoffLimit"};
    System.setProperty(keys[0], kubeconfig.toString());
    System.setProperty(keys[1], "0");
    logger.addHandler(capture);
    try {
      assertEquals(1, OperatorCommand.run("--health-port=-1", "--leader-elect=false"));
    } finally {
      logger.removeHandler(capture);
      for (String key : keys) {
        System.clearProperty(key);
      }
    }
    assertTrue(lines.contains("SEVERE error: cannot reach the cluster at https://127.0.0.1:1/: connection refused"),
        lines.toString());
  }
}

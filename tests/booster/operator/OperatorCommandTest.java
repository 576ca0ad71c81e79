package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorCommandTest {
  private static OperatorOptions parse(String... args) {
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args);
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
  void durations() {
    OperatorCommand.DurationConverter c = new OperatorCommand.DurationConverter();
    assertEquals(Duration.ZERO, c.convert("0"));
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofHours(1), c.convert("1h"));
    assertEquals(Duration.ofSeconds(90), c.convert("PT90S"));
    assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("5d"));
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./jbang launcher on a machine without JBang: first fetch, racing first runs, and missing
 * tools.
 */
class JbangLauncherTest {
  /** What the launcher and Maven's own start script need besides java and mvn. */
  private static final List<String> TOOLS =
      List.of(
          "bash",
          "sh",
          "dirname",
          "basename",
          "mktemp",
          "cat",
          "mv",
          "rm",
          "mkdir",
          "ls",
          "expr",
          "uname",
          "tr",
          "sed",
          "grep");

  @TempDir Path dir;

  /**
   * An environment whose PATH holds only the basic tools plus {@code extra}, with no JBang on it.
   */
  private Map<String, String> pathWith(List<String> extra) throws IOException {
    Path bin = Files.createTempDirectory(dir, "bin");
    for (String tool : concat(TOOLS, extra)) {
      Files.createSymbolicLink(bin.resolve(tool), which(tool));
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin.toString());
    env.put("JBANG_LAUNCHER_CACHE", dir.resolve("cache").toString());
    env.put("JAVA_HOME", "");
    return env;
  }

  private static Cli.Outcome launcher(Map<String, String> env) {
    return Cli.process(List.of(Cli.ROOT.resolve("jbang").toString(), "version"), env, "", 300);
  }

  @Test
  void racingFirstRunsBothFetchAndRunJBang() throws Exception {
    Map<String, String> env = pathWith(List.of("java", "mvn"));
    CompletableFuture<Cli.Outcome> first = CompletableFuture.supplyAsync(() -> launcher(env));
    CompletableFuture<Cli.Outcome> second = CompletableFuture.supplyAsync(() -> launcher(env));
    for (Cli.Outcome outcome : List.of(first.get(), second.get())) {
      assertEquals(0, outcome.exit(), outcome.toString());
      assertEquals("0.132.1\n", outcome.out());
    }
    Path cache = dir.resolve("cache").resolve("jbang-0.132.1");
    List<String> jars = Files.readAllLines(cache.resolve("classpath"));
    assertTrue(
        jars.stream().allMatch(jar -> Files.isRegularFile(cache.resolve("lib").resolve(jar))),
        jars.toString());
    try (var left = Files.list(cache)) {
      assertEquals(
          List.of("classpath", "lib"),
          left.map(p -> p.getFileName().toString()).sorted().toList(),
          "no half-done fetch directories left behind");
    }
    Cli.Outcome cached = launcher(pathWith(List.of("java")));
    assertEquals(0, cached.exit(), "once fetched, Maven is no longer needed\n" + cached);
  }

  @Test
  void missingJavaIsOneClearLine() throws IOException {
    Cli.Outcome outcome = launcher(pathWith(List.of("mvn")));
    assertEquals(1, outcome.exit(), outcome.toString());
    assertEquals("", outcome.out());
    assertEquals(
        "jbang launcher: java not found: install a JDK 17 or newer, or set JAVA_HOME\n",
        outcome.err());
  }

  @Test
  void missingMavenIsOneClearLine() throws IOException {
    Cli.Outcome outcome = launcher(pathWith(List.of("java")));
    assertEquals(1, outcome.exit(), outcome.toString());
    assertEquals("", outcome.out());
    assertTrue(outcome.err().startsWith("jbang launcher: mvn not found"), outcome.err());
    assertEquals(1, outcome.err().lines().count(), outcome.err());
  }

  private static Path which(String tool) {
    for (String entry : System.getenv("PATH").split(":")) {
      Path candidate = Path.of(entry, tool);
      if (Files.isExecutable(candidate)) {
        try {
          return candidate.toRealPath();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(tool + " not on PATH");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}

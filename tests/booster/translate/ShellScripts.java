package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rendered {@code bash -c} script for real, in a scratch directory holding a stand-in for
 * the Ray start script, with {@code python3} and {@code pip} shadowed by shell functions that
 * record their argv. Payloads aim at creating {@link #marker} (or {@code marker2} by redirection);
 * nothing they try may happen.
 */
final class ShellScripts {
  private ShellScripts() {}

  /** The file a shell payload tries to create under {@code dir}. */
  static Path marker(Path dir) {
    return dir.resolve("pwned");
  }

  /**
   * Checks the script's syntax ({@code sh -n}), runs it and returns each recorded program's argv.
   * Fails when the payload's marker appeared, a stray file was written, or the engine never
   * started.
   */
  static Map<String, List<String>> run(String shell, String script, Path dir)
      throws IOException, InterruptedException {
    assertEquals(0, exec(List.of(shell, "-n", "-c", script), dir).exitCode, "syntax of " + script);

    Path out = Files.createDirectories(dir.resolve("out-" + Path.of(shell).getFileName()));
    clean(out);
    Path work = Files.createDirectories(dir.resolve("work"));
    Path ray = work.resolve(EngineCommand.MULTI_NODE_SCRIPT);
    Files.createDirectories(ray.getParent());
    Files.writeString(ray, "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$OUT/leader\"\n");
    Files.setPosixFilePermissions(ray, PosixFilePermissions.fromString("rw-------"));

    String stubs =
        "python3() { printf '%s\\0' \"$@\" > \"$OUT/python3\"; }\n"
            + "pip() { printf '%s\\0' \"$@\" > \"$OUT/pip\"; }\n";
    Result result = exec(List.of(shell, "-c", stubs + script), work, "OUT", out.toString());
    assertEquals(0, result.exitCode, result.output);
    assertFalse(Files.exists(marker(dir)), "injected command ran: " + result.output);
    assertFalse(Files.exists(dir.resolve("pwned2")), "injected redirection ran: " + result.output);
    try (var files = Files.list(work)) {
      assertEquals(
          List.of(work.resolve("examples")),
          files.toList(),
          "stray files in the working directory");
    }

    Map<String, List<String>> calls = new TreeMap<>();
    try (var files = Files.list(out)) {
      for (Path f : files.toList()) {
        String recorded = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(recorded.endsWith("\0"), f.toString());
        calls.put(
            f.getFileName().toString(),
            Arrays.asList(recorded.substring(0, recorded.length() - 1).split("\0", -1)));
      }
    }
    assertTrue(calls.containsKey("python3"), "the engine never started: " + result.output);
    return calls;
  }

  private record Result(int exitCode, String output) {}

  private static Result exec(List<String> argv, Path cwd, String... env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true);
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("shell did not finish: " + argv);
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void clean(Path out) throws IOException {
    try (var files = Files.list(out)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
  }
}

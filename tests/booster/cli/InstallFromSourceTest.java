package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's from-source install, pasted as it stands into a fresh shell on a fresh machine: an
 * empty HOME (no ~/.local/bin, no JBang, no caches), a plain PATH, no rc files. Only the local
 * Maven repository is shared (through JBANG_REPO and maven.repo.local), so the test reads the jars
 * already there instead of downloading them again.
 */
class InstallFromSourceTest {
  private static final Pattern BLOCK =
      Pattern.compile("\nFrom source[^\n]*\n(?:[^\n]*\n)*?\n```sh\n(.*?)```", Pattern.DOTALL);

  /** The code block of the README's paragraph "From source, ...". */
  static String readmeLines() throws Exception {
    Matcher m = BLOCK.matcher(Files.readString(Cli.ROOT.resolve("README.md")));
    assertTrue(m.find(), "the README shows the from-source install");
    return m.group(1);
  }

  @Test
  void theReadmeLinesWorkInAFreshShell(@TempDir Path home) throws Exception {
    String lines = readmeLines();
    assertTrue(lines.contains("kubectl booster --help"), lines);
    assertFalse(Files.exists(home.resolve(".local")), "a fresh HOME");
    Path out = home.resolve("out.txt");
    // Then, in the same fresh shell, what kubectl 1.26+ runs for `kubectl booster st<TAB>`.
    ProcessBuilder shell =
        new ProcessBuilder(
                "bash",
                "--norc",
                "--noprofile",
                "-e",
                "-c",
                lines + "kubectl __complete booster st 2>/dev/null\n")
            .directory(Cli.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    shell.environment().clear();
    String repository = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    shell
        .environment()
        .putAll(
            java.util.Map.of(
                "HOME",
                home.toString(),
                "PATH",
                "/usr/local/bin:/usr/bin:/bin",
                "JBANG_REPO",
                repository,
                "MAVEN_OPTS",
                "-Dmaven.repo.local=" + repository));
    Process process = shell.start();
    assertTrue(process.waitFor(600, TimeUnit.SECONDS), "the README lines finished");
    String output = Files.readString(out);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("installed " + home.resolve(".local/bin/kubectl-booster")), output);
    assertTrue(output.contains("Usage: kubectl booster [-hV] [COMMAND]"), output);
    assertTrue(
        List.of("create", "diff", "status", "tree").stream()
            .allMatch(c -> output.contains("\n  " + c + " ")),
        output);
    assertTrue(
        output.contains("installed " + home.resolve(".local/bin/kubectl_complete-booster")),
        output);
    assertTrue(
        output.endsWith(
            "\nstatus\tShow a booster's conditions, generations, children with their readiness, "
                + "and recent events.\n:4\n"),
        output);
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpAndCompletionTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BoosterCommand.commandLine(new ByteArrayInputStream(new byte[0]), Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void everyClusterCommandHasUsageExamplesAndKubectlsFlags() {
    for (String command : List.of("create", "diff", "status", "tree", "completion")) {
      String[] r = run(command, "--help");
      assertEquals("0", r[0], command);
      assertTrue(r[1].startsWith("Usage: kubectl booster " + command), r[1]);
      assertTrue(r[1].contains("Examples:"), command + ": " + r[1]);
    }
    for (String command : List.of("create", "diff", "status", "tree")) {
      String help = run(command, "--help")[1];
      for (String flag :
          List.of(
              "--kubeconfig",
              "--context",
              "--cluster",
              "--user",
              "--namespace",
              "--request-timeout")) {
        assertTrue(help.contains(flag), command + " lacks " + flag);
      }
    }
    assertTrue(run("status", "--help")[1].contains("--all-namespaces"));
  }

  /**
   * create lists what to create and where first, kubectl's connection flags next, then how to
   * create.
   */
  @Test
  void createListsItsOptionsInTheOrderAUserReachesForThem() {
    List<String> listed =
        run("create", "--help")[1]
            .lines()
            .filter(line -> line.matches(" {2}(-\\w, )?--[\\w-]+.*|      --[\\w-]+.*"))
            .map(line -> line.trim().replaceFirst("^-\\w, ", "").split("[=\\[ ]")[0])
            .toList();
    assertEquals(
        List.of(
            "--help",
            "--filename",
            "--recursive",
            "--namespace",
            "--output",
            "--downloader-image",
            "--runtime-image",
            "--kubeconfig",
            "--context",
            "--cluster",
            "--user",
            "--request-timeout",
            "--v",
            "--apply",
            "--wait",
            "--kthena-version",
            "--dry-run"),
        listed);
  }

  @Test
  void completionScriptCompletesTheExecutable() {
    String[] bash = run("completion", "bash");
    assertEquals("0", bash[0], bash[2]);
    assertTrue(
        bash[1].contains("complete -F _complete_kubectl-booster -o default kubectl-booster"),
        bash[1]);
    assertTrue(
        bash[1].contains("local commands=\"create diff status tree completion version\""),
        bash[1].lines().filter(l -> l.contains("commands=")).toList().toString());
    assertEquals(bash[1], run("completion", "zsh")[1]);
    String help = run("completion", "--help")[1];
    assertTrue(
        help.contains("  source <(kubectl booster completion zsh)\n") && !help.contains("null"),
        help);
    assertEquals("2", run("completion", "fish")[0]);
  }

  /**
   * kubectl's conventions: --version only on the root, kubectl's words for -n and for an unknown
   * command.
   */
  @Test
  void helpAndMistakesReadLikeKubectl() {
    assertTrue(run("--help")[1].contains("--version"));
    String[] version = run("version");
    assertEquals("0", version[0]);
    assertTrue(
        version[1].startsWith("Client Version: v" + BoosterCommand.VERSION + "\nJava Version: "),
        version[1]);
    for (String command : List.of("create", "diff", "status", "tree", "completion", "version")) {
      String help = run(command, "--help")[1];
      assertTrue(
          !help.contains("--version") && !help.contains("-V,"),
          command + " lists --version:\n" + help);
      assertTrue(help.contains("-h, --help"), help);
    }
    for (String command : List.of("create", "diff", "status", "tree")) {
      String help = run(command, "--help")[1];
      assertTrue(
          help.replaceAll("\\s+", " ")
              .contains(
                  "-n, --namespace=NAMESPACE If present, the namespace scope "
                      + "for this CLI request."),
          help);
    }
    String[] typo = run("stauts", "qwen");
    assertEquals("2", typo[0]);
    assertEquals(
        "error: unknown command \"stauts\" for \"kubectl booster\"\n\nDid you mean this?\n\tstatus\n\n"
            + "See 'kubectl booster --help' for usage.\n",
        typo[2]);
    assertEquals(
        "error: unknown command \"frobnicate\" for \"kubectl booster\"\n\nSee 'kubectl booster --help' for "
            + "usage.\n",
        run("frobnicate")[2]);
  }
}

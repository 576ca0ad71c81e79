package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class BoosterCommandTest {
  @Test
  void versionAndHelp() {
    Cli.Outcome version = Cli.inProcess("--version");
    assertEquals(0, version.exit());
    assertEquals("kubectl-booster " + BoosterCommand.VERSION + "\n", version.out());
    Cli.Outcome help = Cli.inProcess("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("Usage: kubectl booster"), help.out());
    assertTrue(help.out().contains("create"), help.out());
  }

  @Test
  void withoutSubcommandShowsUsageAndFails() {
    Cli.Outcome bare = Cli.inProcess();
    assertEquals(BoosterCommand.USAGE, bare.exit());
    assertEquals("", bare.out());
    assertTrue(bare.err().contains("Usage: kubectl booster"), bare.err());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Cli.Outcome outcome = Cli.inProcess("frobnicate");
    assertEquals(BoosterCommand.USAGE, outcome.exit());
    assertTrue(outcome.err().startsWith("error: "), outcome.err());
  }

  @Test
  void badDurationsAreUsageErrorsNamingTheOption() {
    for (String option : List.of("--wait", "--request-timeout")) {
      Cli.Outcome outcome =
          Cli.inProcess(
              "create",
              "-f",
              "examples/single-gpu.yaml",
              option + "=abc",
              "--kubeconfig",
              "/no/such/file");
      assertEquals(BoosterCommand.USAGE, outcome.exit(), outcome.toString());
      assertEquals(
          List.of(
              "error: Invalid value for option '"
                  + option
                  + "': invalid duration \"abc\" (examples: "
                  + "30s, 1m30s, 500ms)",
              "See 'kubectl booster create --help' for usage."),
          outcome.errLines());
    }
  }

  @Test
  void statusAndDiffCheckTheirArgumentsBeforeConnecting() {
    Map<List<String>, String> cases =
        Map.of(
            List.of("status", "qwen", "-l", "team=search"),
                "name cannot be provided when a selector is specified",
            List.of("status", "qwen", "-A"), "NAME cannot be used with -A",
            List.of("diff"), "give -f FILE or a booster NAME",
            List.of("diff", "qwen", "-f", "examples/single-gpu.yaml"),
                "give either -f FILE or NAME, not both");
    cases.forEach(
        (args, message) -> {
          List<String> all = new ArrayList<>(args);
          all.addAll(List.of("--kubeconfig", "/no/such/kubeconfig"));
          Cli.Outcome outcome = Cli.inProcess(all.toArray(String[]::new));
          assertEquals(BoosterCommand.USAGE, outcome.exit(), outcome.toString());
          assertEquals("error: " + message, outcome.errLines().get(0), outcome.toString());
        });
  }

  @Test
  void statusNamesTheOutputFormatsItKnows() {
    for (List<String> args : List.of(List.of("status", "qwen"), List.of("status", "-A"))) {
      List<String> all = new ArrayList<>(args);
      all.addAll(List.of("-o", "table", "--kubeconfig", "/no/such/kubeconfig"));
      Cli.Outcome outcome = Cli.inProcess(all.toArray(String[]::new));
      assertEquals(BoosterCommand.USAGE, outcome.exit(), outcome.toString());
      assertEquals(
          "error: Invalid value for option '--output': unable to match a printer suitable for the output "
              + "format \"table\", allowed formats are: yaml, json, name, wide, jsonpath=TEMPLATE",
          outcome.errLines().get(0),
          outcome.toString());
    }
  }

  /**
   * A run builds only the subcommand it names (none for --version), and answers exactly as the
   * whole tree.
   */
  @Test
  void aRunBuildsOnlyWhatItNeedsAndAnswersAsTheWholeTree() {
    Map<List<String>, Set<String>> built = new LinkedHashMap<>();
    built.put(List.of("--version"), Set.of());
    built.put(List.of("status", "qwen", "--kubeconfig", "/no/such/kubeconfig"), Set.of("status"));
    built.put(List.of("status"), Set.of("status"));
    built.put(List.of("tree", "--help"), Set.of("tree"));
    built.put(
        List.of("create", "-f", "examples/single-gpu.yaml", "--dry-run=client", "-o", "json"),
        Set.of("create"));
    built.put(List.of("diff", "--bogus"), Set.of("diff"));
    built.put(List.of("version"), Set.of("version"));
    Set<String> all = Set.of("create", "diff", "status", "tree", "completion", "version");
    built.put(List.of(), all);
    built.put(List.of("--help"), all);
    built.put(List.of("completion", "bash"), all);
    built.put(List.of("frobnicate"), all);
    built.put(List.of("-V", "status"), all);
    built.forEach(
        (args, subcommands) -> {
          String[] argv = args.toArray(String[]::new);
          CommandLine lazy =
              BoosterCommand.commandLine(InputStream.nullInputStream(), Map.of(), argv);
          assertEquals(subcommands, lazy.getSubcommands().keySet(), args.toString());
          assertEquals(
              outcome(BoosterCommand.commandLine(InputStream.nullInputStream(), Map.of()), argv),
              outcome(lazy, argv),
              args.toString());
        });
  }

  private static Cli.Outcome outcome(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Cli.Outcome(exit, out.toString(), err.toString());
  }

  /** Fails the way an unforeseen bug would. */
  @Command(name = "broken")
  static final class Broken implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("the widget is missing");
    }
  }

  @Test
  void anUnexpectedFailurePrintsItsMessageNotAJavaClass() {
    CommandLine cli = BoosterCommand.commandLine(InputStream.nullInputStream(), Map.of());
    cli.addSubcommand(new Broken());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    assertEquals(BoosterCommand.FAILED, cli.execute("broken"));
    assertEquals("error: the widget is missing\n", err.toString());
  }
}

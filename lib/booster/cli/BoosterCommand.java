package booster.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The plugin's root command. kubectl runs an executable named {@code kubectl-booster} and sets no variable
 * telling it so, hence the usage always shows the name users type: {@code kubectl booster}.
 */
@Command(name = "kubectl booster", mixinStandardHelpOptions = true, version = "kubectl-booster " + BoosterCommand.VERSION,
    description = "Work with Kthena ModelBoosters: create them, diff them against the cluster, show their status "
        + "and ownership tree.",
    subcommands = {CreateCommand.class, DiffCommand.class, StatusCommand.class, TreeCommand.class,
        CompletionCommand.class, VersionCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:invalid input or failure", "2:invalid command line"})
public final class BoosterCommand implements Callable<Integer> {
  /** Kept equal to the pom's version by a test. */
  public static final String VERSION = "0.1.0";
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private final InputStream stdin;
  private final Map<String, String> environment;
  @Spec
  private CommandSpec spec;

  public BoosterCommand(InputStream stdin, Map<String, String> environment) {
    this.stdin = stdin;
    this.environment = Map.copyOf(environment);
  }

  /** Runs the plugin on the process's own streams and environment; returns the exit code. */
  public static int run(String... args) {
    if (args.length > 0 && args[0].equals(Completions.COMMAND)) {
      // kubectl's completion of `kubectl booster ...` (through kubectl_complete-booster): no picocli parsing, since
      // the words are a partial command line.
      new Completions(List.of(BoosterCommand.class.getAnnotation(Command.class).subcommands()))
          .print(List.of(args).subList(1, args.length), new PrintWriter(System.out, false, StandardCharsets.UTF_8));
      return OK;
    }
    return commandLine(System.in, System.getenv()).execute(args);
  }

  /** The configured command line; tests redirect its out/err with setOut/setErr. */
  public static CommandLine commandLine(InputStream stdin, Map<String, String> environment) {
    CommandLine cli = new CommandLine(new BoosterCommand(stdin, environment));
    // Help wraps at the terminal's width (picocli asks stty), 80 columns when not on a terminal; examples do not,
    // as in kubectl, so they can be copied as they stand.
    cli.setUsageHelpAutoWidth(true);
    unwrappedExamples(cli);
    cli.setParameterExceptionHandler(BoosterCommand::usageError);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      // The message is for users; a Java class name is not.
      command.getErr().println("error: " + (e.getMessage() == null ? "unexpected failure" : e.getMessage()));
      return FAILED;
    });
    return cli;
  }

  private static void unwrappedExamples(CommandLine command) {
    command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
        help -> String.join(String.format("%n"), help.commandSpec().usageMessage().footer())
            + String.format("%n"));
    command.getSubcommands().values().forEach(BoosterCommand::unwrappedExamples);
  }

  /** Like kubectl: the problem on one line and where to find help, not the whole usage text. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && command.getParent() == null
        && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
      // cobra's words, as kubectl prints them for a command it does not know
      command.getErr().println("error: unknown command \"" + unmatched.getUnmatched().get(0) + "\" for \""
          + command.getCommandName() + "\"");
      List<String> similar = Suggestions.of(unmatched.getUnmatched().get(0), command.getSubcommands().keySet());
      if (!similar.isEmpty()) {
        command.getErr().println();
        command.getErr().println("Did you mean this?");
        similar.forEach(s -> command.getErr().println("\t" + s));
      }
      command.getErr().println();
      command.getErr().println("See '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
      return USAGE;
    }
    command.getErr().println("error: " + e.getMessage());
    command.getErr().println("See '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    return USAGE;
  }

  InputStream stdin() {
    return stdin;
  }

  Map<String, String> environment() {
    return environment;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }
}

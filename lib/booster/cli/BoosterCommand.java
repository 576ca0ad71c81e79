package booster.cli;

import booster.cluster.Concurrent;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The plugin's root command. kubectl runs an executable named {@code kubectl-booster} and sets no
 * variable telling it so, hence the usage always shows the name users type: {@code kubectl
 * booster}.
 */
@Command(
    name = "kubectl booster",
    mixinStandardHelpOptions = true,
    version = "kubectl-booster " + BoosterCommand.VERSION,
    description =
        "Work with Kthena ModelBoosters: create them, diff them against the cluster, show their status "
            + "and ownership tree.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:invalid input or failure", "2:invalid command line"})
public final class BoosterCommand implements Callable<Integer> {
  /** Kept equal to the pom's version by a test. */
  static final String VERSION = "0.1.0";

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** The subcommands that (may) read a kubeconfig and talk to a cluster. */
  private static final Set<String> CONNECTING = Set.of("create", "diff", "status", "tree");

  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          CreateCommand.class,
          DiffCommand.class,
          StatusCommand.class,
          TreeCommand.class,
          CompletionCommand.class,
          VersionCommand.class);

  private final InputStream stdin;
  private final Map<String, String> environment;
  @Spec private CommandSpec spec;

  BoosterCommand(InputStream stdin, Map<String, String> environment) {
    this.stdin = stdin;
    this.environment = Map.copyOf(environment);
  }

  /** Runs the plugin on the process's own streams and environment; returns the exit code. */
  public static int run(String... args) {
    if (args.length > 0 && args[0].equals(Completions.COMMAND)) {
      complete(List.of(args).subList(1, args.length), utf8(System.out));
      return OK;
    }
    List<String> given = List.of(args);
    if (!given.isEmpty()
        && CONNECTING.contains(given.get(0))
        && !given.contains("--help")
        && !given.contains("-h")) {
      Concurrent.start(
          () -> {
            KubeClients.prepare();
            return null;
          });
    }
    CommandLine cli = commandLine(System.in, System.getenv(), args);
    // UTF-8 whatever the locale, as kubectl prints: under LANG=C the JVM would print tree's box
    // drawing as '?'.
    cli.setOut(utf8(System.out));
    cli.setErr(utf8(System.err));
    return cli.execute(args);
  }

  /**
   * kubectl's completion of {@code kubectl booster WORDS} (through kubectl_complete-booster):
   * answered without picocli parsing, since the words are a partial command line.
   */
  static void complete(List<String> words, PrintWriter out) {
    new Completions(SUBCOMMANDS).print(words, out);
  }

  /** As picocli's own writers, with the encoding fixed. */
  private static PrintWriter utf8(OutputStream stream) {
    return new PrintWriter(
        new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), true);
  }

  /**
   * The configured command line with every subcommand; tests redirect its out/err with
   * setOut/setErr.
   */
  public static CommandLine commandLine(InputStream stdin, Map<String, String> environment) {
    return build(stdin, environment, SUBCOMMANDS);
  }

  /**
   * The command line for {@code args} with only the subcommands they need, since picocli builds
   * each command's model by reflection, the largest part of a short run: the one they start with,
   * none for {@code --version}. Root help, completion and anything unrecognised get every
   * subcommand, so they behave as with the whole tree.
   */
  static CommandLine commandLine(
      InputStream stdin, Map<String, String> environment, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return build(stdin, environment, List.of());
    }
    for (Class<?> type : SUBCOMMANDS) {
      if (args.length > 0
          && type != CompletionCommand.class
          && type.getAnnotation(Command.class).name().equals(args[0])) {
        return build(stdin, environment, List.of(type));
      }
    }
    return commandLine(stdin, environment);
  }

  private static CommandLine build(
      InputStream stdin, Map<String, String> environment, List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new BoosterCommand(stdin, environment));
    subcommands.forEach(cli::addSubcommand);
    // Help wraps at the terminal's width (picocli asks stty), 80 columns when not on a terminal;
    // examples do not,
    // as in kubectl, so they can be copied as they stand.
    cli.setUsageHelpAutoWidth(true);
    unwrappedExamples(cli);
    cli.setParameterExceptionHandler(BoosterCommand::usageError);
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          // The message is for users; a Java class name is not.
          command
              .getErr()
              .println(
                  "error: " + (e.getMessage() == null ? "unexpected failure" : e.getMessage()));
          return FAILED;
        });
    return cli;
  }

  private static void unwrappedExamples(CommandLine command) {
    command
        .getHelpSectionMap()
        .put(
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
            help ->
                String.join(String.format("%n"), help.commandSpec().usageMessage().footer())
                    + String.format("%n"));
    command.getSubcommands().values().forEach(BoosterCommand::unwrappedExamples);
  }

  /** Like kubectl: the problem on one line and where to find help, not the whole usage text. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && command.getParent() == null
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      // cobra's words, as kubectl prints them for a command it does not know
      command
          .getErr()
          .println(
              "error: unknown command \""
                  + unmatched.getUnmatched().get(0)
                  + "\" for \""
                  + command.getCommandName()
                  + "\"");
      List<String> similar =
          Suggestions.of(unmatched.getUnmatched().get(0), command.getSubcommands().keySet());
      if (!similar.isEmpty()) {
        command.getErr().println();
        command.getErr().println("Did you mean this?");
        similar.forEach(s -> command.getErr().println("\t" + s));
      }
      command.getErr().println();
      command
          .getErr()
          .println("See '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
      return USAGE;
    }
    command.getErr().println("error: " + e.getMessage());
    command
        .getErr()
        .println("See '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
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

package booster.cli;

import booster.cluster.Trees;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    description = {
      "Show a booster's conditions, generations, children with their readiness, and recent events.",
      "Without NAME, list the boosters of the namespace (every namespace with -A), as kubectl get does."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # Status of one booster in the current namespace",
      "  kubectl booster status qwen",
      "",
      "  # Keep redrawing until Ctrl-C",
      "  kubectl booster status qwen --watch",
      "",
      "  # The boosters of this namespace; every booster in every namespace, with more columns",
      "  kubectl booster status",
      "  kubectl booster status -A -o wide",
      "",
      "  # Machine-readable",
      "  kubectl booster status qwen -o json",
      "  kubectl booster status qwen -o jsonpath='{.conditions[?(@.type==\"Active\")].status}'",
      "  kubectl booster status -l team=search -o name"
    })
final class StatusCommand extends ClusterCommand {
  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "The booster; without it, list the boosters.")
  String name;

  @Mixin AllNamespacesOptions all = new AllNamespacesOptions();

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description =
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin' (e.g. "
              + "-l key1=value1,key2=value2).")
  String selector;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      converter = StatusOutput.Converter.class,
      description =
          "Output format: "
              + StatusOutput.CHOICES
              + " (kubectl's JSONPath over what -o json prints).")
  StatusOutput output;

  @Option(
      names = {"-w", "--watch"},
      description = "Redraw the status every few seconds until interrupted.")
  boolean watch;

  /** Pause between redraws in --watch mode. */
  long intervalMillis = 2000;

  /** How long --watch shows a booster unreconciled before it asks whether the operator runs. */
  Duration hintAfter = Duration.ofSeconds(15);

  @Override
  void checkArguments() {
    if (name != null && all.allNamespaces()) {
      throw new ParameterException(spec.commandLine(), "NAME cannot be used with -A");
    }
    if (name != null && selector != null) {
      throw new ParameterException(
          spec.commandLine(), "name cannot be provided when a selector is specified");
    }
  }

  @Override
  int run(KubeSession session) throws InterruptedException {
    if (!watch) {
      Frame frame = frame(session, null);
      if (output != null && output.kind() == StatusOutput.Kind.jsonpath) {
        // As kubectl: exactly what the template says, no newline added.
        out().print(String.join("\n", frame.lines()));
      } else {
        frame.lines().forEach(frame.empty() ? err()::println : out()::println);
      }
      return 0;
    }
    try (LiveView view = terminal.live(out())) {
      long unreconciledSince = System.nanoTime();
      while (!Thread.currentThread().isInterrupted()) {
        Duration unreconciled = Duration.ofNanos(System.nanoTime() - unreconciledSince);
        Frame frame =
            frame(
                session,
                unreconciled.compareTo(hintAfter) < 0
                    ? null
                    : "not reconciled for "
                        + Ages.human(unreconciled)
                        + ": "
                        + BoosterWait.OPERATOR_HINT);
        if (frame.reconciled()) {
          unreconciledSince = System.nanoTime();
        }
        view.show(frame.lines());
        Thread.sleep(intervalMillis);
      }
    }
    return 0;
  }

  /**
   * What one redraw shows, whether the booster (every booster listed) is reconciled at its
   * generation, and whether the list came back empty (kubectl says so on stderr).
   */
  private record Frame(List<String> lines, boolean reconciled, boolean empty) {}

  /**
   * @param hint a line to show under a booster's generation while it is not reconciled, or null
   */
  private Frame frame(KubeSession session, String hint) {
    if (name != null && (output == null || output.isDocument())) {
      StatusReport report = StatusReport.read(session.client(), session.namespace(), name);
      boolean reconciled = StatusFields.reconciled(report.booster());
      List<String> lines =
          output == null
              ? StatusView.render(report, terminal, clock.instant(), reconciled ? null : hint)
              : document(report.toMap());
      return new Frame(lines, reconciled, false);
    }
    BoosterList boosters =
        name != null
            ? BoosterList.of(StoredBoosters.get(session.client(), session.namespace(), name))
            : BoosterList.read(session, all.allNamespaces() ? null : session.namespace(), selector);
    if (boosters.isEmpty() && (output == null || !output.isDocument())) {
      return new Frame(
          List.of(BoosterList.nothing(all.allNamespaces() ? null : session.namespace())),
          true,
          true);
    }
    List<String> lines =
        output == null
            ? boosters.table(false, terminal, clock.instant())
            : switch (output.kind()) {
              case wide -> boosters.table(true, terminal, clock.instant());
              case name -> boosters.names();
              default -> document(boosters.document());
            };
    return new Frame(lines, boosters.reconciled(), false);
  }

  /** The document as {@code -o yaml}, {@code -o json} or {@code -o jsonpath=} prints it. */
  private List<String> document(Object document) {
    String text =
        switch (output.kind()) {
          case yaml -> OutputFormat.yaml.renderOne(document).stripTrailing();
          case json -> OutputFormat.json.renderOne(document).stripTrailing();
          default -> output.template().render(Trees.tree(document));
        };
    return List.of(text);
  }
}

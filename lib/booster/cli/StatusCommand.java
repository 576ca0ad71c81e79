package booster.cli;

import booster.cluster.Kinds;
import booster.cli.Table.Cell;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "status",
    description = "Show a booster's conditions, generations, children with their readiness, and recent events.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  # Status of one booster in the current namespace",
        "  kubectl booster status qwen",
        "",
        "  # Keep redrawing until Ctrl-C",
        "  kubectl booster status qwen --watch",
        "",
        "  # Every booster in every namespace",
        "  kubectl booster status -A",
        "",
        "  # Machine-readable",
        "  kubectl booster status qwen -o json"})
public class StatusCommand extends ClusterCommand {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The booster (omit with -A).")
  String name;

  @Mixin
  AllNamespacesOption all = new AllNamespacesOption();

  /** Only the formats of one status document: {@code -o name} would print just the booster's name. */
  enum Format { yaml, json }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(names = {"-w", "--watch"}, description = "Redraw the status every few seconds until interrupted.")
  boolean watch;

  /** Pause between redraws in --watch mode. */
  long intervalMillis = 2000;

  @Override
  void checkArguments() {
    if ((name == null) == !all.allNamespaces()) {
      throw new ParameterException(spec.commandLine(),
          name == null ? "a booster NAME (or -A) is required" : "NAME cannot be used with -A");
    }
  }

  /** How long --watch shows a booster unreconciled before it asks whether the operator runs. */
  Duration hintAfter = Duration.ofSeconds(15);

  @Override
  int run(KubeSession session) throws InterruptedException {
    if (!watch) {
      print(frame(session, null).lines());
      return 0;
    }
    try (LiveView view = terminal.live(out())) {
      long unreconciledSince = System.nanoTime();
      while (!Thread.currentThread().isInterrupted()) {
        Duration unreconciled = Duration.ofNanos(System.nanoTime() - unreconciledSince);
        Frame frame = frame(session, unreconciled.compareTo(hintAfter) < 0 ? null
            : "not reconciled for " + Ages.human(unreconciled) + ": " + BoosterWait.OPERATOR_HINT);
        if (frame.reconciled()) {
          unreconciledSince = System.nanoTime();
        }
        view.show(frame.lines());
        Thread.sleep(intervalMillis);
      }
    }
    return 0;
  }

  /** What one redraw shows, and whether the booster (every booster, with -A) is reconciled at its generation. */
  private record Frame(List<String> lines, boolean reconciled) {
  }

  /** @param hint a line to show under a booster's generation while it is not reconciled, or null */
  private Frame frame(KubeSession session, String hint) {
    if (all.allNamespaces()) {
      List<GenericKubernetesResource> boosters = Kinds.genericBoosters(session.client()).inAnyNamespace().list()
          .getItems().stream()
          .sorted(Comparator.comparing((GenericKubernetesResource b) -> b.getMetadata().getNamespace())
              .thenComparing(b -> b.getMetadata().getName()))
          .toList();
      boolean reconciled = boosters.stream().allMatch(StatusFields::reconciled);
      return new Frame(format == null ? summary(boosters)
          : List.of(outputFormat().render(boosters.stream().map(StatusReport::summary).toList()).stripTrailing()),
          reconciled);
    }
    StatusReport report = StatusReport.read(session.client(), session.namespace(), name);
    boolean reconciled = StatusFields.reconciled(report.booster());
    return new Frame(format == null ? StatusView.render(report, terminal, clock.instant(), reconciled ? null : hint)
        : List.of(outputFormat().renderOne(report.toMap()).stripTrailing()), reconciled);
  }

  private OutputFormat outputFormat() {
    return OutputFormat.valueOf(format.name());
  }

  private List<String> summary(List<GenericKubernetesResource> boosters) {
    if (boosters.isEmpty()) {
      return List.of("No resources found");
    }
    Table table = new Table("NAMESPACE", "NAME", "ACTIVE", "STATUS", "GENERATION", "AGE");
    for (GenericKubernetesResource b : boosters) {
      Health h = Health.ofBooster(b);
      Object observed = b.get("status", "observedGeneration");
      table.row(Cell.plain(b.getMetadata().getNamespace()), Cell.plain(b.getMetadata().getName()),
          Cell.of(h.ready(), h.style(), terminal), Cell.of(h.status(), h.style(), terminal),
          Cell.plain(b.getMetadata().getGeneration() + "/" + (observed == null ? "-" : observed)),
          Cell.plain(Ages.since(b.getMetadata().getCreationTimestamp(), clock.instant())));
    }
    return table.render("");
  }

  private void print(List<String> lines) {
    lines.forEach(out()::println);
  }
}

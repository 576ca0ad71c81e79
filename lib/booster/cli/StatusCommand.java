package booster.cli;

import booster.cluster.Kinds;
import booster.cli.Table.Cell;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
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

  @Override
  int run(KubeSession session) throws InterruptedException {
    if (!watch) {
      print(frame(session));
      return 0;
    }
    try (LiveView view = terminal.live(out())) {
      while (!Thread.currentThread().isInterrupted()) {
        view.show(frame(session));
        Thread.sleep(intervalMillis);
      }
    }
    return 0;
  }

  private List<String> frame(KubeSession session) {
    if (all.allNamespaces()) {
      List<GenericKubernetesResource> boosters = Kinds.genericBoosters(session.client()).inAnyNamespace().list()
          .getItems().stream().sorted(ResourceNames.BY_NAMESPACE_AND_NAME).toList();
      return format == null ? summary(boosters)
          : List.of(outputFormat().render(boosters.stream().map(StatusReport::summary).toList()).stripTrailing());
    }
    StatusReport report = StatusReport.read(session.client(), session.namespace(), name);
    return format == null ? StatusView.render(report, terminal, clock.instant())
        : List.of(outputFormat().renderOne(report.toMap()).stripTrailing());
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

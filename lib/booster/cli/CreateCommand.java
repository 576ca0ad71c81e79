package booster.cli;

import booster.api.InvalidInputException;
import booster.cluster.KthenaVersion;
import booster.translate.KthenaProfile;
import booster.translate.Translator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code create -f FILE --dry-run=client}: prints each booster followed by every child it becomes, without
 * contacting any cluster (boosters that name no namespace go to {@code -n}, else the kubeconfig context's). All input is read, validated and translated before the first byte is printed, so a
 * problem anywhere leaves stdout empty.
 */
@Command(name = "create", sortOptions = false,
    description = {"Create ModelBoosters from manifests.",
        "With --dry-run=client, print each booster and the children it becomes, without contacting any cluster.",
        "Otherwise every booster is validated first (every problem at once), then created; an existing booster is "
            + "an error unless --apply."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  # Render offline: the booster and every child it becomes",
        "  kubectl booster create -f qwen.yaml --dry-run=client -o yaml",
        "",
        "  # Create and wait until the booster is Active",
        "  kubectl booster create -f qwen.yaml --wait=15m",
        "",
        "  # Update an existing booster, checked by the API server first",
        "  kubectl booster create -f qwen.yaml --apply --dry-run=server"})
public final class CreateCommand implements Callable<Integer> {
  /** kubectl's dry-run strategies. */
  public enum DryRun { none, client, server }

  @ParentCommand
  private BoosterCommand root;
  @Spec
  private CommandSpec spec;
  @Mixin
  private HelpOption help;
  @Mixin
  private ManifestOptions manifests;
  @Mixin
  private NamespaceOptions namespace;
  @Mixin
  private OutputOptions output;
  @Mixin
  private TranslatorOptions translator;
  @Mixin
  private KubeOptions kube;
  @Mixin
  private ClusterCreate cluster;
  @Mixin
  private KthenaVersionOption kthenaVersion;

  @Option(names = "--dry-run", arity = "0..1", fallbackValue = "client", defaultValue = "none",
      paramLabel = "STRATEGY", description = "${COMPLETION-CANDIDATES}: 'client' prints the booster and its "
          + "children without contacting any cluster; 'server' sends the create with dryRun=All. A bare --dry-run "
          + "means client.")
  private DryRun dryRun;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    KthenaVersion version = kthenaVersion.value(root.environment());
    if (dryRun != DryRun.client) {
      return cluster.run(kube, namespace, dryRun == DryRun.server, output.format(), spec.commandLine(),
          root.environment(), version, (fallback, profile) -> translated(err, fallback, profile));
    }
    try {
      String rendered = renderOffline(err, version.offline());
      PrintWriter out = spec.commandLine().getOut();
      out.print(rendered);
      out.flush();
      // Offline nothing tells which Kthena the children are for: say it, on stderr so stdout stays a clean stream.
      err.println("rendered for Kthena " + version.offline() + " (" + kthenaVersion.source(root.environment())
          + ", offline)");
      return BoosterCommand.OK;
    } catch (InvalidInputException problems) {
      problems.problems().forEach(line -> err.println("error: " + line));
      return BoosterCommand.FAILED;
    } catch (CliException e) {
      err.println("error: " + e.getMessage());
      return e.exitCode();
    } finally {
      err.flush();
    }
  }

  /** Reads, checks and translates everything; the printable text, or InvalidInputException listing every problem. */
  private String renderOffline(PrintWriter err, KthenaProfile profile) {
    List<Object> objects = new ArrayList<>();
    translated(err, KubeClients.offlineNamespace(kube), profile).forEach((manifest, children) -> {
      objects.add(manifest.booster());
      objects.addAll(children);
    });
    return output.format().orElse(OutputFormat.yaml).render(objects);
  }

  /**
   * Reads, checks and translates every booster, in input order, before anything is printed or sent.
   *
   * @param fallbackNamespace the namespace of boosters that name none when {@code -n} is absent
   * @param profile the Kthena release the children are for
   * @throws InvalidInputException listing every problem of every booster
   */
  private Map<Manifest, List<GenericKubernetesResource>> translated(PrintWriter err, String fallbackNamespace,
      KthenaProfile profile) {
    return BoosterInput.translated(manifests.read(root.stdin()), "create", namespace, fallbackNamespace,
        new Translator(translator.config(root.environment()).withProfile(profile)), err);
  }
}

package booster.cli;

import booster.api.GoDuration;
import booster.api.InvalidInputException;
import booster.api.ModelBooster;
import booster.cluster.ApiErrors;
import booster.cluster.Kinds;
import booster.cluster.KthenaVersion;
import booster.translate.KthenaProfile;
import booster.translate.Translator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code create -f FILE}. With {@code --dry-run=client} it prints each booster followed by every
 * child it becomes, without contacting any cluster (boosters that name no namespace go to {@code
 * -n}, else the kubeconfig context's). Against a cluster, every booster is read, validated and
 * translated first, then every name is checked, then every write is sent with dryRun=All, and only
 * then is anything written; so one bad booster in a file (ours or the server's verdict) creates
 * none. Either way a problem anywhere leaves stdout empty.
 */
@Command(
    name = "create",
    sortOptions = false,
    description = {
      "Create ModelBoosters from manifests.",
      "With --dry-run=client, print each booster and the children it becomes, without contacting any cluster.",
      "Otherwise every booster is validated first (every problem at once), then created; an existing booster is "
          + "an error unless --apply."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # Render offline: the booster and every child it becomes",
      "  kubectl booster create -f qwen.yaml --dry-run=client -o yaml",
      "",
      "  # Create and wait until the booster is Active",
      "  kubectl booster create -f qwen.yaml --wait=15m",
      "",
      "  # Update an existing booster, checked by the API server first",
      "  kubectl booster create -f qwen.yaml --apply --dry-run=server"
    })
final class CreateCommand extends ClusterCommand {
  /** kubectl's dry-run strategies. */
  enum DryRun {
    none,
    client,
    server
  }

  @Mixin ManifestOptions manifests = new ManifestOptions();

  @Mixin OutputOptions output = new OutputOptions();

  @Mixin TranslatorOptions translator = new TranslatorOptions();

  @Option(
      names = "--apply",
      order = HelpOrder.CREATE,
      description = "Update a booster that already exists instead of failing.")
  boolean apply;

  @Option(
      names = "--wait",
      arity = "0..1",
      fallbackValue = "10m",
      paramLabel = "TIMEOUT",
      order = HelpOrder.CREATE,
      converter = GoDuration.Converter.class,
      description =
          "Wait until each booster is Active (exit 1 if it becomes Failed or the timeout passes). "
              + "A bare --wait waits up to ${FALLBACK-VALUE}.")
  Duration waitTimeout;

  @Option(
      names = "--dry-run",
      arity = "0..1",
      fallbackValue = "client",
      defaultValue = "none",
      paramLabel = "STRATEGY",
      order = HelpOrder.DRY_RUN,
      description =
          "${COMPLETION-CANDIDATES}: 'client' prints the booster and its "
              + "children without contacting any cluster; 'server' sends the create with dryRun=All. A bare --dry-run "
              + "means client.")
  DryRun dryRun;

  /** Pause between status reads while waiting; tests shorten it. */
  long pollMillis = 1000;

  /** How long a booster may stay unreconciled before --wait asks whether the operator runs. */
  Duration hintAfter = Duration.ofSeconds(15);

  @Override
  public Integer call() {
    if (dryRun != DryRun.client) {
      return super.call();
    }
    PrintWriter err = err();
    KthenaVersion version = kthenaVersion.value(root.environment());
    try {
      String rendered = renderOffline(version.offline());
      out().print(rendered);
      out().flush();
      // Offline nothing tells which Kthena the children are for: say it, on stderr so stdout stays
      // a clean stream.
      err.println(
          "rendered for Kthena "
              + version.offline()
              + " ("
              + kthenaVersion.source(root.environment())
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

  /**
   * Reads, checks and translates everything; the printable text, or InvalidInputException listing
   * every problem.
   */
  private String renderOffline(KthenaProfile profile) {
    List<Object> objects = new ArrayList<>();
    translated(KubeClients.offlineNamespace(kube), profile)
        .forEach(
            (manifest, children) -> {
              objects.add(manifest.booster());
              objects.addAll(children);
            });
    return output.format().orElse(OutputFormat.yaml).render(objects);
  }

  @Override
  int run(KubeSession session) throws InterruptedException {
    KthenaProfile profile =
        kthenaVersion.value(root.environment()).resolve(session.client()).profile();
    Map<Manifest, List<GenericKubernetesResource>> boosters =
        translated(session.namespace(), profile);
    Map<Manifest, ModelBooster> existing = Change.existing(session.client(), boosters.keySet());
    if (!apply && !existing.isEmpty()) {
      for (Manifest manifest : existing.keySet()) {
        err()
            .println(
                "Error from server (AlreadyExists): "
                    + StoredBoosters.RESOURCE
                    + " \""
                    + manifest.name()
                    + "\" already exists (use --apply to update it)");
      }
      return BoosterCommand.FAILED;
    }
    List<Change> changes = Change.all(boosters.keySet(), existing);
    // Every write is checked by the server first, so a rejected booster leaves none half-created.
    List<String> rejections = new ArrayList<>();
    List<ModelBooster> sent =
        Change.dryRun(session.client(), changes, session.server(), rejections);
    if (!rejections.isEmpty()) {
      rejections.forEach(err()::println);
      return BoosterCommand.FAILED;
    }
    boolean serverDryRun = dryRun == DryRun.server;
    if (!serverDryRun) {
      sent = Change.sendAll(session.client(), changes);
    }
    if (output.format().isPresent()) {
      out().print(output.format().get().render(sent));
    } else {
      for (int i = 0; i < changes.size(); i++) {
        out()
            .println(
                ResourceNames.of(sent.get(i))
                    + " "
                    + changes.get(i).verb()
                    + (serverDryRun ? " (server dry run)" : ""));
      }
    }
    out().flush();
    if (waitTimeout == null || waitTimeout.toMillis() == 0 || serverDryRun) {
      return BoosterCommand.OK;
    }
    // One deadline for all: --wait bounds the whole command, not each booster.
    long started = System.nanoTime();
    int exit = BoosterCommand.OK;
    for (Map.Entry<Manifest, List<GenericKubernetesResource>> e : boosters.entrySet()) {
      BoosterWait wait =
          new BoosterWait(
              session.client(), e.getKey().booster(), e.getValue().size(), pollMillis, hintAfter);
      exit = Math.max(exit, wait.untilActive(started, waitTimeout, terminal, out(), err()));
    }
    return exit;
  }

  /**
   * Reads, checks and translates every booster, in input order, before anything is printed or sent.
   *
   * @param fallbackNamespace the namespace of boosters that name none when {@code -n} is absent
   * @param profile the Kthena release the children are for (validation depends on it: role
   *     autoscaling needs v1.0)
   * @throws InvalidInputException listing every problem of every booster
   */
  private Map<Manifest, List<GenericKubernetesResource>> translated(
      String fallbackNamespace, KthenaProfile profile) {
    return BoosterInput.translated(
        manifests.read(root.stdin()),
        "create",
        namespace,
        fallbackNamespace,
        new Translator(translator.config(root.environment()).withProfile(profile)),
        err());
  }

  /**
   * What sending one booster does: create it, update the live one, or nothing when its spec is
   * unchanged. The client calls and every fabric8 type live here, not in CreateCommand's own
   * methods: picocli reflects on a command's methods, and fabric8 types in their signatures would
   * load fabric8 for --help and completion.
   */
  private record Change(Manifest manifest, ModelBooster live, boolean unchanged) {
    static Change of(Manifest manifest, ModelBooster live) {
      return new Change(
          manifest, live, live != null && BoosterUpdate.unchanged(live, manifest.booster()));
    }

    /** One change per booster, in input order. */
    static List<Change> all(Iterable<Manifest> manifests, Map<Manifest, ModelBooster> existing) {
      List<Change> changes = new ArrayList<>();
      for (Manifest manifest : manifests) {
        changes.add(of(manifest, existing.get(manifest)));
      }
      return changes;
    }

    String verb() {
      return live == null ? "created" : unchanged ? "unchanged" : "configured";
    }

    ModelBooster send(KubernetesClient client, boolean dryRun) {
      if (live == null) {
        return handle(client, manifest.booster()).dryRun(dryRun).create();
      }
      if (unchanged) {
        return live;
      }
      // The live resourceVersion travels along, so a concurrent change makes this a conflict, not a
      // lost update.
      return handle(client, BoosterUpdate.merged(live, manifest.booster())).dryRun(dryRun).update();
    }

    /** The boosters that already exist, looked up before anything is written. */
    static Map<Manifest, ModelBooster> existing(
        KubernetesClient client, Iterable<Manifest> manifests) {
      Map<Manifest, ModelBooster> found = new LinkedHashMap<>();
      for (Manifest manifest : manifests) {
        ModelBooster live =
            StoredBoosters.typed(
                client,
                manifest.booster().getMetadata().getNamespace(),
                manifest.booster().getMetadata().getName());
        if (live != null) {
          found.put(manifest, live);
        }
      }
      return found;
    }

    /**
     * Sends every write with dryRun=All; returns what the server answered, and adds each rejection
     * to {@code rejections} as one line naming the booster.
     */
    static List<ModelBooster> dryRun(
        KubernetesClient client, List<Change> changes, String server, List<String> rejections) {
      List<ModelBooster> answers = new ArrayList<>();
      for (Change change : changes) {
        try {
          answers.add(change.send(client, true));
        } catch (KubernetesClientException e) {
          if (e.getCode() <= 0) {
            throw e;
          }
          rejections.add(ApiErrors.message(e, server) + " (" + change.manifest().describe() + ")");
        }
      }
      return answers;
    }

    /** Sends every write for real, in input order. */
    static List<ModelBooster> sendAll(KubernetesClient client, List<Change> changes) {
      List<ModelBooster> sent = new ArrayList<>();
      for (Change change : changes) {
        sent.add(change.send(client, false));
      }
      return sent;
    }

    private static Resource<ModelBooster> handle(KubernetesClient client, ModelBooster booster) {
      return Kinds.boosters(client)
          .inNamespace(booster.getMetadata().getNamespace())
          .resource(booster);
    }
  }
}

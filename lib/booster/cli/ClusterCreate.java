package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.ApiErrors;
import booster.cluster.Kinds;
import booster.cluster.KthenaVersion;
import booster.translate.KthenaProfile;
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
import java.util.Optional;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code create} against a cluster: every booster is read, validated and translated first, then every name is
 * checked, then every write is sent with dryRun=All, and only then is anything written; so one bad booster in a
 * file (ours or the server's verdict) creates none.
 */
public final class ClusterCreate {
  @Option(names = "--apply", description = "Update a booster that already exists instead of failing.")
  boolean apply;

  @Option(names = "--wait", arity = "0..1", fallbackValue = "10m", paramLabel = "TIMEOUT", converter = Durations.class,
      description = "Wait until each booster is Active (exit 1 if it becomes Failed or the timeout passes). "
          + "A bare --wait waits up to ${FALLBACK-VALUE}.")
  Duration waitTimeout;

  /** Decided from the environment at run time; tests set it first. */
  Terminal terminal;

  /** Pause between status reads while waiting. */
  long pollMillis = 1000;

  /** How long a booster may stay unreconciled before --wait asks whether the operator runs. */
  Duration hintAfter = Duration.ofSeconds(15);

  /**
   * @param version the Kthena release to validate and render for; auto asks the cluster
   * @param translated reads, validates and translates every booster, given the namespace of those naming none and
   *     the profile (validation depends on it: role autoscaling needs Kthena v1.0)
   */
  int run(KubeOptions kube, NamespaceOptions namespace, boolean serverDryRun, Optional<OutputFormat> format,
      CommandLine command, Map<String, String> environment, KthenaVersion version,
      BiFunction<String, KthenaProfile, Map<Manifest, List<GenericKubernetesResource>>> translated) {
    PrintWriter out = command.getOut();
    PrintWriter err = command.getErr();
    if (terminal == null) {
      terminal = Terminal.detect(environment);
    }
    long waitMillis = waitTimeout == null ? 0 : waitTimeout.toMillis();
    return ClusterRun.run(kube, namespace.given(), out, err, BoosterCommand.FAILED, session -> {
      Map<Manifest, List<GenericKubernetesResource>> boosters = translated.apply(session.namespace(),
          version.resolve(session.client()).profile());
      Map<Manifest, ModelBooster> existing = Change.existing(session.client(), boosters.keySet());
      if (!apply && !existing.isEmpty()) {
        existing.keySet().forEach(m -> err.println("Error from server (AlreadyExists): " + Boosters.RESOURCE
            + " \"" + m.name() + "\" already exists (use --apply to update it)"));
        return BoosterCommand.FAILED;
      }
      List<Change> changes = boosters.keySet().stream().map(m -> Change.of(m, existing.get(m))).toList();
      // Every write is checked by the server first, so a rejected booster leaves none half-created.
      List<String> rejections = new ArrayList<>();
      List<ModelBooster> sent = Change.dryRun(session.client(), changes, session.server(), rejections);
      if (!rejections.isEmpty()) {
        rejections.forEach(err::println);
        return BoosterCommand.FAILED;
      }
      if (!serverDryRun) {
        sent = new ArrayList<>();
        for (Change change : changes) {
          sent.add(change.send(session.client(), false));
        }
      }
      if (format.isPresent()) {
        out.print(format.get().render(sent));
      } else {
        for (int i = 0; i < changes.size(); i++) {
          out.println(ResourceNames.of(sent.get(i)) + " " + changes.get(i).verb()
              + (serverDryRun ? " (server dry run)" : ""));
        }
      }
      out.flush();
      if (waitMillis == 0 || serverDryRun) {
        return BoosterCommand.OK;
      }
      // One deadline for all: --wait bounds the whole command, not each booster.
      long started = System.nanoTime();
      int exit = BoosterCommand.OK;
      for (Map.Entry<Manifest, List<GenericKubernetesResource>> e : boosters.entrySet()) {
        BoosterWait wait = new BoosterWait(session.client(), e.getKey().booster(), e.getValue().size(), pollMillis,
            hintAfter);
        exit = Math.max(exit, wait.untilActive(started, waitTimeout, terminal, out, err));
      }
      return exit;
    });
  }

  /**
   * What sending one booster does: create it, update the live one, or nothing when its spec is unchanged. The
   * client calls live here rather than in ClusterCreate: picocli reflects on a mixin's methods, and fabric8 types
   * in their signatures would load fabric8 for --help and completion.
   */
  private record Change(Manifest manifest, ModelBooster live, boolean unchanged) {
    static Change of(Manifest manifest, ModelBooster live) {
      return new Change(manifest, live, live != null && BoosterUpdate.unchanged(live, manifest.booster()));
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
      // The live resourceVersion travels along, so a concurrent change makes this a conflict, not a lost update.
      return handle(client, BoosterUpdate.merged(live, manifest.booster())).dryRun(dryRun).update();
    }

    /** The boosters that already exist, looked up before anything is written. */
    static Map<Manifest, ModelBooster> existing(KubernetesClient client, Iterable<Manifest> manifests) {
      Map<Manifest, ModelBooster> found = new LinkedHashMap<>();
      for (Manifest manifest : manifests) {
        ModelBooster live = Boosters.typed(client, manifest.booster().getMetadata().getNamespace(),
            manifest.booster().getMetadata().getName());
        if (live != null) {
          found.put(manifest, live);
        }
      }
      return found;
    }

    /**
     * Sends every write with dryRun=All; returns what the server answered, and adds each rejection to
     * {@code rejections} as one line naming the booster.
     */
    static List<ModelBooster> dryRun(KubernetesClient client, List<Change> changes, String server,
        List<String> rejections) {
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

    private static Resource<ModelBooster> handle(KubernetesClient client, ModelBooster booster) {
      return Kinds.boosters(client).inNamespace(booster.getMetadata().getNamespace()).resource(booster);
    }
  }
}

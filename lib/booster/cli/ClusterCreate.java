package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code create} against a cluster: every booster is read, validated and translated first, then every name is
 * checked, and only then is anything sent; so one bad booster in a file creates none.
 */
public final class ClusterCreate {
  @Option(names = "--apply", description = "Update a booster that already exists instead of failing.")
  boolean apply;

  @Option(names = "--wait", arity = "0..1", fallbackValue = "10m", paramLabel = "TIMEOUT",
      description = "Wait until each booster is Active (exit 1 if it becomes Failed or the timeout passes). "
          + "A bare --wait waits up to ${FALLBACK-VALUE}.")
  String waitTimeout;

  /** Decided from the environment at run time; tests set it first. */
  Terminal terminal;

  /** Pause between status reads while waiting. */
  long pollMillis = 1000;

  /**
   * @param translated reads, validates and translates every booster given the namespace of those naming none
   */
  int run(KubeOptions kube, NamespaceOptions namespace, boolean serverDryRun, Optional<OutputFormat> format,
      CommandLine command, Map<String, String> environment,
      Function<String, Map<Manifest, List<GenericKubernetesResource>>> translated) {
    PrintWriter out = command.getOut();
    PrintWriter err = command.getErr();
    if (terminal == null) {
      terminal = Terminal.detect(environment);
    }
    long waitMillis = waitTimeout == null ? 0 : Durations.parseMillis(waitTimeout, "--wait");
    return ClusterRun.run(kube, namespace.given(), out, err, BoosterCommand.FAILED, session -> {
      Map<Manifest, List<GenericKubernetesResource>> boosters = translated.apply(session.namespace());
      Map<Manifest, ModelBooster> existing = existing(session.client(), boosters.keySet());
      if (!apply && !existing.isEmpty()) {
        existing.keySet().forEach(m -> err.println("Error from server (AlreadyExists): " + Boosters.RESOURCE
            + " \"" + m.name() + "\" already exists (use --apply to update it)"));
        return BoosterCommand.FAILED;
      }
      List<Object> sent = new ArrayList<>();
      List<String> done = new ArrayList<>();
      for (Manifest manifest : boosters.keySet()) {
        ModelBooster live = existing.get(manifest);
        String verb = live == null ? "created" : BoosterUpdate.unchanged(live, manifest.booster()) ? "unchanged" : "configured";
        ModelBooster result = live == null ? create(session.client(), manifest.booster(), serverDryRun)
            : update(session.client(), manifest.booster(), live, serverDryRun);
        sent.add(result);
        done.add(ResourceNames.of(result) + " " + verb + (serverDryRun ? " (server dry run)" : ""));
      }
      if (format.isPresent()) {
        out.print(format.get().render(sent));
      } else {
        done.forEach(out::println);
      }
      out.flush();
      if (waitMillis == 0 || serverDryRun) {
        return BoosterCommand.OK;
      }
      int exit = BoosterCommand.OK;
      for (Map.Entry<Manifest, List<GenericKubernetesResource>> e : boosters.entrySet()) {
        BoosterWait wait = new BoosterWait(session.client(), e.getKey().booster(), e.getValue().size(), pollMillis);
        exit = Math.max(exit, wait.untilActive(waitMillis, terminal, out, err));
      }
      return exit;
    });
  }

  /** The boosters that already exist, looked up before anything is written. */
  private static Map<Manifest, ModelBooster> existing(KubernetesClient client, Iterable<Manifest> manifests) {
    Map<Manifest, ModelBooster> found = new LinkedHashMap<>();
    for (Manifest manifest : manifests) {
      ModelBooster live = handle(client, manifest.booster()).get();
      if (live != null) {
        found.put(manifest, live);
      }
    }
    return found;
  }

  private static ModelBooster create(KubernetesClient client, ModelBooster booster, boolean dryRun) {
    return handle(client, booster).dryRun(dryRun).create();
  }

  private static ModelBooster update(KubernetesClient client, ModelBooster desired, ModelBooster live,
      boolean dryRun) {
    if (BoosterUpdate.unchanged(live, desired)) {
      return live;
    }
    // The live resourceVersion travels along, so a concurrent change makes this a conflict, not a lost update.
    return handle(client, BoosterUpdate.merged(live, desired)).dryRun(dryRun).update();
  }

  private static Resource<ModelBooster> handle(KubernetesClient client, ModelBooster booster) {
    return Kinds.boosters(client).inNamespace(booster.getMetadata().getNamespace()).resource(booster);
  }
}

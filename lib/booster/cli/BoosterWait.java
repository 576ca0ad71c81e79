package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.LiveChildren;
import booster.cluster.Rollout;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code create --wait}: polls one booster until it is Active or Failed for its current generation,
 * showing how long it has waited of how long it may, and asking whether the operator runs when
 * nothing reconciles the booster.
 */
final class BoosterWait {
  /** The operator's pods, as deploy/ labels them. */
  static final String OPERATOR_HINT =
      "is the operator running? (kubectl get pods -A -l "
          + "app.kubernetes.io/name=booster-operator)";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final int desiredChildren;
  private final long pollMillis;

  /**
   * How long the booster may stay unreconciled before the progress line asks whether the operator
   * runs.
   */
  private final Duration hintAfter;

  BoosterWait(
      KubernetesClient client,
      ModelBooster booster,
      int desiredChildren,
      long pollMillis,
      Duration hintAfter) {
    this.client = client;
    this.namespace = booster.getMetadata().getNamespace();
    this.name = booster.getMetadata().getName();
    this.desiredChildren = desiredChildren;
    this.pollMillis = pollMillis;
    this.hintAfter = hintAfter;
  }

  /**
   * @param started when the command started waiting, in {@link System#nanoTime()} terms
   * @param timeout how long it waits in all (--wait), so the deadline is {@code started + timeout}
   * @return 0 once Active, 1 when Failed, deleted, or still waiting at the deadline
   */
  // The view is closed early so an error line prints below the finished frame; a second close does
  // nothing.
  @SuppressWarnings("try")
  int untilActive(
      long started, Duration timeout, Terminal terminal, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    long deadline = started + timeout.toNanos();
    String progress = "";
    long unreconciledSince = System.nanoTime();
    try (LiveView view = terminal.live(out)) {
      while (true) {
        GenericKubernetesResource booster =
            Kinds.genericBoosters(client).inNamespace(namespace).withName(name).get();
        if (booster == null) {
          err.println(
              "error: " + StoredBoosters.RESOURCE + " \"" + name + "\" was deleted while waiting");
          return 1;
        }
        boolean current =
            StatusFields.number(booster.get("status", "observedGeneration"), -1)
                >= booster.getMetadata().getGeneration();
        if (current) {
          unreconciledSince = System.nanoTime();
        }
        Map<String, Object> failed = StatusFields.condition(booster, "Failed");
        Map<String, Object> active = StatusFields.condition(booster, "Active");
        if (current && failed != null && "True".equals(failed.get("status"))) {
          view.close();
          err.println(
              "error: "
                  + ResourceNames.of(booster)
                  + " failed: "
                  + StatusFields.text(failed.get("reason"))
                  + ": "
                  + StatusFields.text(failed.get("message")));
          return 1;
        }
        List<GenericKubernetesResource> children = LiveChildren.list(client, namespace, name).all();
        List<GenericKubernetesResource> servings =
            children.stream()
                .filter(c -> ChildKind.MODEL_SERVING.kind().equals(c.getKind()))
                .toList();
        // The booster's word, and the ModelServings' own rollout: an operator may lag, or predate
        // the rollout rule.
        String rolling =
            servings.stream()
                .filter(s -> !Rollout.of(s).done())
                .map(
                    s ->
                        "ModelServing " + s.getMetadata().getName() + " " + Rollout.of(s).message())
                .findFirst()
                .orElse(null);
        if (current && active != null && "True".equals(active.get("status")) && rolling == null) {
          view.show(
              List.of(
                  ResourceNames.of(booster)
                      + " is "
                      + terminal.paint("Active", Terminal.Style.GOOD)));
          return 0;
        }
        Duration unreconciled = Duration.ofNanos(System.nanoTime() - unreconciledSince);
        progress =
            progress(
                    Duration.ofNanos(System.nanoTime() - started),
                    timeout,
                    children,
                    servings,
                    active,
                    rolling)
                + (unreconciled.compareTo(hintAfter) < 0
                    ? ""
                    : "; not reconciled for " + Ages.human(unreconciled) + ": " + OPERATOR_HINT);
        view.show(List.of(progress));
        if (System.nanoTime() - deadline > 0) {
          view.close();
          err.println(
              "error: timed out waiting for "
                  + ResourceNames.of(booster)
                  + " to become Active ("
                  + progress
                  + ")");
          return 1;
        }
        Thread.sleep(pollMillis);
      }
    }
  }

  /**
   * One line: time waited of the timeout, children present, ModelServings rolled out, what Active
   * says.
   */
  private String progress(
      Duration waited,
      Duration timeout,
      List<GenericKubernetesResource> children,
      List<GenericKubernetesResource> servings,
      Map<String, Object> active,
      String rolling) {
    long done = servings.stream().filter(s -> Rollout.of(s).done()).count();
    String why =
        active == null
            ? "not reconciled yet"
            : "True".equals(active.get("status")) && rolling != null
                ? rolling
                : StatusFields.text(active.get("reason"))
                    + ": "
                    + StatusFields.text(active.get("message"));
    return name
        + ": waiting for Active ("
        + Ages.human(waited)
        + " of "
        + Ages.human(timeout)
        + "): children "
        + children.size()
        + "/"
        + desiredChildren
        + ", ModelServings available "
        + done
        + "/"
        + servings.size()
        + " ("
        + why
        + ")";
  }
}

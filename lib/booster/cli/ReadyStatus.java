package booster.cli;

import booster.cli.Terminal.Style;
import booster.cluster.Rollout;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The READY and STATUS columns of one object, and whether it looks healthy, shared by status, tree
 * and --wait.
 */
record ReadyStatus(String ready, String status, Style style) {
  static final ReadyStatus UNKNOWN = new ReadyStatus("-", "-", Style.FAINT);

  /**
   * A child with the booster's labels that the booster does not control: shown, never judged by its
   * own status.
   */
  static final ReadyStatus NOT_CONTROLLED = new ReadyStatus("-", "NotControlled", Style.BAD);

  /** A booster: Failed wins, then Active. */
  static ReadyStatus ofBooster(GenericKubernetesResource booster) {
    Map<String, Object> failed = StatusFields.condition(booster, "Failed");
    Map<String, Object> active = StatusFields.condition(booster, "Active");
    if (failed != null && "True".equals(failed.get("status"))) {
      return new ReadyStatus(
          "False", "Failed: " + StatusFields.text(failed.get("reason")), Style.BAD);
    }
    if (active == null) {
      return new ReadyStatus("-", "Pending", Style.WARN);
    }
    boolean up = "True".equals(active.get("status"));
    return new ReadyStatus(
        StatusFields.text(active.get("status")),
        up ? "Active" : StatusFields.text(active.get("reason")),
        up ? Style.GOOD : Style.WARN);
  }

  /**
   * A child: ModelServings by available replicas and their rollout ({@link Rollout}); other kinds
   * by a Ready condition, and a Kthena v1.0 AutoscalingPolicy also by TargetFound (its ModelServing
   * exists) and RatioConstraintViolated.
   */
  static ReadyStatus ofChild(GenericKubernetesResource child) {
    if ("ModelServing".equals(child.getKind())) {
      long want = StatusFields.number(child.get("spec", "replicas"), 1);
      long available = StatusFields.number(child.get("status", "availableReplicas"), 0);
      Rollout rollout = Rollout.of(child);
      return new ReadyStatus(
          available + "/" + want, rollout.reason(), rollout.done() ? Style.GOOD : Style.WARN);
    }
    Map<String, Object> ready = StatusFields.condition(child, "Ready");
    String readyText = ready == null ? "-" : StatusFields.text(ready.get("status"));
    if (is(StatusFields.condition(child, "TargetFound"), "False")) {
      return new ReadyStatus(readyText, "TargetNotFound", Style.BAD);
    }
    if (ready == null) {
      return UNKNOWN;
    }
    if (!"True".equals(ready.get("status"))) {
      String reason = StatusFields.text(ready.get("reason"));
      return new ReadyStatus(readyText, reason.isEmpty() ? "NotReady" : reason, Style.BAD);
    }
    if (is(StatusFields.condition(child, "RatioConstraintViolated"), "True")) {
      return new ReadyStatus(readyText, "RatioConstraintViolated", Style.WARN);
    }
    return new ReadyStatus(readyText, "Ready", Style.GOOD);
  }

  private static boolean is(Map<String, Object> condition, String status) {
    return condition != null && status.equals(condition.get("status"));
  }

  /**
   * A pod like {@code kubectl get pods}: ready containers, and the waiting reason before the phase.
   */
  static ReadyStatus ofPod(Pod pod) {
    List<ContainerStatus> containers =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? List.of()
            : pod.getStatus().getContainerStatuses();
    int total = pod.getSpec() == null ? containers.size() : pod.getSpec().getContainers().size();
    long ready = containers.stream().filter(c -> Boolean.TRUE.equals(c.getReady())).count();
    String phase =
        pod.getStatus() == null || pod.getStatus().getPhase() == null
            ? "Pending"
            : pod.getStatus().getPhase();
    String waiting =
        containers.stream()
            .map(
                c ->
                    c.getState() == null || c.getState().getWaiting() == null
                        ? null
                        : c.getState().getWaiting().getReason())
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    String status =
        pod.getMetadata().getDeletionTimestamp() != null
            ? "Terminating"
            : waiting != null ? waiting : phase;
    Style style =
        "Succeeded".equals(phase) || ("Running".equals(status) && ready == total)
            ? Style.GOOD
            : "Failed".equals(phase)
                    || (waiting != null && waiting.matches(".*(BackOff|Err|Error|Invalid).*"))
                ? Style.BAD
                : Style.WARN;
    return new ReadyStatus(ready + "/" + total, status, style);
  }
}

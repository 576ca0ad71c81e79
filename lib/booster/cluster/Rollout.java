package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * Whether a ModelServing runs its current spec, decided as {@code kubectl rollout status} decides
 * for a Deployment or StatefulSet: its controller has observed the current generation, every
 * serving group it must update is updated and no older one is left (where the status reports those
 * counts; a partition keeps its groups), and it reports {@code Available}. Until then a stale
 * {@code Available=True} (from before an image change) means nothing. One rule for the operator's
 * {@code Active} condition and the plugin's status, tree and {@code --wait}.
 *
 * @param reason one word for a STATUS column: {@code Available}, {@code Progressing} (nothing
 *     observed yet), {@code UpdateInProgress}, or the reason of the ModelServing's {@code
 *     Available} condition
 * @param message what is awaited, to follow the ModelServing's name ({@code is not available yet});
 *     empty when done
 */
public record Rollout(boolean done, String reason, String message) {
  static final String AVAILABLE = "Available";
  public static final String PROGRESSING = "Progressing";
  static final String UPDATING = "UpdateInProgress";

  public static Rollout of(GenericKubernetesResource serving) {
    Map<String, Object> status = Trees.map(serving.getAdditionalProperties().get("status"));
    long generation =
        serving.getMetadata().getGeneration() == null ? 0 : serving.getMetadata().getGeneration();
    Long observed = number(status.get("observedGeneration"));
    if (observed == null && generation > 0) {
      return waiting(PROGRESSING, "is not observed by the ModelServing controller yet");
    }
    if (observed != null && observed < generation) {
      return waiting(
          UPDATING,
          "is at generation "
              + generation
              + ", the ModelServing controller has observed "
              + observed);
    }
    Long wanted = number(Trees.map(serving.getAdditionalProperties().get("spec")).get("replicas"));
    long replicas = wanted == null ? 1 : wanted;
    long partition = Math.min(replicas, partition(serving, replicas));
    Long updated = number(status.get("updatedReplicas"));
    if (updated != null && updated < replicas - partition) {
      return waiting(
          UPDATING, "has " + updated + " of " + (replicas - partition) + " serving groups updated");
    }
    Long total = number(status.get("replicas"));
    if (updated != null && total != null && total - updated > partition) {
      long old = total - updated - partition;
      return waiting(
          UPDATING,
          "has " + old + " old serving group" + (old == 1 ? "" : "s") + " pending termination");
    }
    Map<String, Object> available = Conditions.find(status.get("conditions"), AVAILABLE);
    if (available == null) {
      return waiting(PROGRESSING, "is not available yet");
    }
    if (!"True".equals(available.get("status"))) {
      String reason =
          available.get("reason") instanceof String r && !r.isEmpty() ? r : "Unavailable";
      String message = available.get("message") instanceof String m && !m.isEmpty() ? ": " + m : "";
      return waiting(reason, "is not available" + message);
    }
    return new Rollout(true, AVAILABLE, "");
  }

  private static Rollout waiting(String reason, String message) {
    return new Rollout(false, reason, message);
  }

  /**
   * Serving groups a {@code rolloutStrategy.rollingUpdateConfiguration.partition} keeps at the old
   * revision: a count, or a percentage of the replicas rounded up, as Kthena reads it.
   */
  private static long partition(GenericKubernetesResource serving, long replicas) {
    Object value =
        Trees.map(
                Trees.map(
                        Trees.map(serving.getAdditionalProperties().get("spec"))
                            .get("rolloutStrategy"))
                    .get("rollingUpdateConfiguration"))
            .get("partition");
    if (value instanceof Number n) {
      return Math.max(0, n.longValue());
    }
    if (value instanceof String s && s.matches("\\d+%")) {
      long percent = Long.parseLong(s.substring(0, s.length() - 1));
      return (percent * replicas + 99) / 100;
    }
    return 0;
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}

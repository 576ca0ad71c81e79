package booster.api;

/**
 * {@code networkTopology} of a backend, as the ModelServing CRD bounds it (Volcano's
 * NetworkTopologySpec): a tier from 0, a tier name of at most 253 characters, and never both. It
 * only means something to a topology-aware scheduler, so another scheduler is worth a warning.
 */
final class TopologyRules {
  /** The scheduler that reads the PodGroups a ModelServing's network topology is written to. */
  private static final String VOLCANO = "volcano";

  private TopologyRules() {}

  static void backend(ModelBackend backend, FieldPath path, FieldErrors errors) {
    NetworkTopology topology = backend.getNetworkTopology();
    if (topology == null) {
      return;
    }
    FieldPath topologyPath = path.child("networkTopology");
    policy(topology.getGroupPolicy(), topologyPath.child("groupPolicy"), errors);
    policy(topology.getRolePolicy(), topologyPath.child("rolePolicy"), errors);
    String scheduler = backend.getSchedulerName();
    if (scheduler != null && !scheduler.isEmpty() && !VOLCANO.equals(scheduler)) {
      errors.warning(
          topologyPath,
          "takes effect only under a scheduler that reads Volcano PodGroups and "
              + "HyperNodes (Volcano's is named \"volcano\"); this backend sets schedulerName \""
              + scheduler
              + "\"");
    }
  }

  private static void policy(TopologyPolicy policy, FieldPath path, FieldErrors errors) {
    if (policy == null) {
      return;
    }
    errors.range(
        path.child("highestTierAllowed"), policy.getHighestTierAllowed(), 0, Integer.MAX_VALUE);
    String name = policy.getHighestTierName();
    if (name != null && name.length() > Patterns.MAX_DNS_SUBDOMAIN) {
      errors.invalid(path.child("highestTierName"), name, "must be no more than 253 characters");
    }
    if (name != null && policy.getHighestTierAllowed() != null) {
      errors.forbidden(
          path.child("highestTierName"), "set highestTierAllowed or highestTierName, not both");
    }
  }
}

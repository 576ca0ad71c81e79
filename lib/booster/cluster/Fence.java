package booster.cluster;

/**
 * Whether this process may still write to the cluster. The operator's Lease decides when leader
 * election is on (a deposed or paused leader must not act); {@link #OPEN} otherwise.
 */
@FunctionalInterface
public interface Fence {
  Fence OPEN = () -> true;

  boolean mayWrite();
}

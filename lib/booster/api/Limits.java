package booster.api;

/** Bounds shared by the CRD annotations of the model and by {@link Validation}. */
final class Limits {
  /**
   * The most serving groups, role replicas or pods one count may ask for (and the sum over legacy
   * backends).
   */
  static final int MAX_REPLICAS = 1_000_000;

  private Limits() {}
}

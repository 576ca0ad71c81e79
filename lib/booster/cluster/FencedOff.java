package booster.cluster;

/**
 * A write refused before it was sent: this process no longer holds the leadership its writes need.
 */
public final class FencedOff extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FencedOff(String kind, String verb) {
    super(verb + " of a " + kind + " not sent: this instance no longer holds the leader lease");
  }
}

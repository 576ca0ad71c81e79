package booster.cluster;

/** Told about every write request the cluster package sends, for metrics. */
@FunctionalInterface
public interface WriteObserver {
  WriteObserver NONE = (kind, verb) -> {};

  /** {@code verb} is create, update, delete or updateStatus; {@code kind} the object's kind. */
  void wrote(String kind, String verb);
}

package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.Trees;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code create --apply} writes over a stored booster: our spec, and our labels and
 * annotations added to the stored ones. {@code diff} shows the same object, so the two never
 * disagree.
 */
final class BoosterUpdate {
  private BoosterUpdate() {}

  /** A copy of {@code live} carrying the manifest's spec, labels and annotations. */
  static ModelBooster merged(ModelBooster live, ModelBooster desired) {
    ModelBooster merged = Trees.SERIALIZATION.clone(live);
    merged.setSpec(desired.getSpec());
    merged
        .getMetadata()
        .setLabels(union(live.getMetadata().getLabels(), desired.getMetadata().getLabels()));
    merged
        .getMetadata()
        .setAnnotations(
            union(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()));
    return merged;
  }

  static boolean unchanged(ModelBooster live, ModelBooster desired) {
    // As trees, not as text: a real API server returns map keys (e.g. workers[].config) sorted.
    return Trees.same(Trees.tree(live.getSpec()), Trees.tree(desired.getSpec()))
        && union(live.getMetadata().getLabels(), desired.getMetadata().getLabels())
            .equals(union(live.getMetadata().getLabels(), null))
        && union(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
            .equals(union(live.getMetadata().getAnnotations(), null));
  }

  private static Map<String, String> union(Map<String, String> live, Map<String, String> ours) {
    Map<String, String> out = new TreeMap<>(live == null ? Map.of() : live);
    out.putAll(ours == null ? Map.of() : ours);
    return out;
  }
}

package booster.cluster;

import booster.translate.ChildKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Optional fields of a child that belong to its booster as a whole: the booster decides whether
 * they exist at all, so a field the desired child leaves out is removed from the live one, and a
 * field it sets replaces the live value whole instead of being merged into it (a header match or a
 * gateway reference that changed keeps no stale key). Everywhere else only the fields we set count,
 * as {@link Compare} and {@link Merge} describe.
 */
final class OwnedFields {
  /**
   * Path segments; {@code *} stands for every element of a list, when the desired and live lists
   * are as long.
   */
  private static final Map<String, List<List<String>>> BY_KIND =
      Map.of(
          ChildKind.MODEL_ROUTE.kind(),
              List.of(
                  List.of("spec", "loraAdapters"),
                  List.of("spec", "parentRefs"),
                  List.of("spec", "rules", "*", "modelMatch"),
                  List.of("spec", "rateLimit")),
          ChildKind.MODEL_SERVING.kind(), List.of(List.of("spec", "template", "networkTopology")));

  private OwnedFields() {}

  /** One owned field: its path, the maps holding it in the desired and live trees, and its key. */
  record Slot(String path, Map<String, Object> desired, Map<String, Object> live, String key) {}

  /**
   * The owned fields of a child of that kind present in the live tree, with where the desired one
   * has them.
   */
  static List<Slot> slots(String kind, Map<String, Object> desired, Map<String, Object> live) {
    List<Slot> out = new ArrayList<>();
    for (List<String> path : BY_KIND.getOrDefault(kind, List.of())) {
      visit(desired, live, path, 0, "", out);
    }
    return out;
  }

  private static void visit(
      Object desired, Object live, List<String> path, int at, String text, List<Slot> out) {
    String segment = path.get(at);
    if (segment.equals("*")) {
      if (desired instanceof List<?> want
          && live instanceof List<?> have
          && want.size() == have.size()) {
        for (int i = 0; i < want.size(); i++) {
          visit(want.get(i), have.get(i), path, at + 1, text + "[" + i + "]", out);
        }
      }
      return;
    }
    if (!(live instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> have = Trees.map(live);
    Map<String, Object> want = Trees.map(desired);
    String child = Trees.child(text, segment);
    if (at == path.size() - 1) {
      if (have.containsKey(segment)) {
        out.add(new Slot(child, want, have, segment));
      }
    } else {
      visit(want.get(segment), have.get(segment), path, at + 1, child, out);
    }
  }
}

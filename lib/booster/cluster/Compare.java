package booster.cluster;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Anything to change?" for one child, shared by the operator and {@code kubectl booster diff}
 * (docs/design.md §3.2). The desired object is a SUBSET of the live one: only the fields we set
 * count (labels and annotations by the keys we set, ownerReferences, spec); defaults the API server
 * filled in and fields others added are not changes, except that an {@link OwnedFields owned field}
 * the desired child leaves out must be absent. Lists are compared element by element and must have
 * the same length.
 */
public final class Compare {
  /** The ModelServing field the CRD makes immutable (docs/design.md §3.6). */
  static final String IMMUTABLE_GANG_MINIMUMS = "spec.template.gangPolicy.minRoleReplicas";

  /**
   * The ModelRoute field the CRD makes immutable: an extra route's model name can change in the
   * booster.
   */
  static final String IMMUTABLE_MODEL_NAME = "spec.modelName";

  private Compare() {}

  /**
   * Every field we set whose live value differs, in a stable order; empty when the child is up to
   * date.
   */
  public static List<FieldChange> changes(
      GenericKubernetesResource desired, GenericKubernetesResource live) {
    Map<String, Object> want = Trees.of(desired);
    Map<String, Object> have = Trees.of(live);
    Map<String, Object> wantMeta = Trees.map(want.get("metadata"));
    Map<String, Object> haveMeta = Trees.map(have.get("metadata"));
    String immutable = immutablePath(desired.getKind(), have);
    List<FieldChange> out = new ArrayList<>();
    for (String field : List.of("labels", "annotations")) {
      walk("metadata." + field, wantMeta.get(field), haveMeta.get(field), out, immutable);
    }
    ownerReferences(wantMeta.get("ownerReferences"), haveMeta.get("ownerReferences"), out);
    walk("spec", want.get("spec"), have.get("spec"), out, immutable);
    for (OwnedFields.Slot slot : OwnedFields.slots(desired.getKind(), want, have)) {
      if (!slot.desired().containsKey(slot.key())) {
        out.add(new FieldChange(slot.path(), null, slot.live().get(slot.key()), false));
      }
    }
    return out;
  }

  /**
   * The field of this kind the API server refuses to change once it is set (a transition rule
   * {@code self == oldSelf}), when the live object has it; else null.
   */
  private static String immutablePath(String kind, Map<String, Object> live) {
    if (ChildKind.MODEL_SERVING.kind().equals(kind)
        && Trees.at(live, "spec", "template", "gangPolicy", "minRoleReplicas") != null) {
      return IMMUTABLE_GANG_MINIMUMS;
    }
    if (ChildKind.MODEL_ROUTE.kind().equals(kind) && Trees.at(live, "spec", "modelName") != null) {
      return IMMUTABLE_MODEL_NAME;
    }
    return null;
  }

  /**
   * Owner references are a set keyed by UID: ours must be there as we set it; others' may come and
   * go.
   */
  private static void ownerReferences(Object want, Object have, List<FieldChange> out) {
    if (!(want instanceof List<?> wanted)) {
      return;
    }
    for (Object ref : wanted) {
      Object uid = Trees.map(ref).get("uid");
      Object live = Trees.element(have, "uid", uid);
      walk("metadata.ownerReferences[uid=" + uid + "]", ref, live, out, null);
    }
  }

  private static void walk(
      String path, Object want, Object have, List<FieldChange> out, String immutable) {
    if (want == null) {
      return;
    }
    if (want instanceof Map<?, ?> wantMap) {
      if (!(have instanceof Map<?, ?> haveMap)) {
        if (!wantMap.isEmpty()) {
          out.add(change(path, want, have, immutable));
        }
        return;
      }
      for (Map.Entry<?, ?> e : wantMap.entrySet()) {
        String key = String.valueOf(e.getKey());
        walk(Trees.child(path, key), e.getValue(), haveMap.get(key), out, immutable);
      }
      return;
    }
    if (want instanceof List<?> wantList) {
      if (!(have instanceof List<?> haveList) || haveList.size() != wantList.size()) {
        if (!wantList.isEmpty() || have != null) {
          out.add(change(path, want, have, immutable));
        }
        return;
      }
      for (int i = 0; i < wantList.size(); i++) {
        walk(path + "[" + i + "]", wantList.get(i), haveList.get(i), out, immutable);
      }
      return;
    }
    if (!Trees.same(want, have)) {
      out.add(change(path, want, have, immutable));
    }
  }

  private static FieldChange change(String path, Object want, Object have, String immutable) {
    boolean frozen =
        immutable != null
            && (path.equals(immutable)
                || path.startsWith(immutable + ".")
                || path.startsWith(immutable + "["));
    return new FieldChange(path, want, have, frozen);
  }
}

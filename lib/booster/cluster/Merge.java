package booster.cluster;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object an update sends (docs/design.md §3.3): the live object, with its resourceVersion and
 * everything others set, and our fields written over it. Maps merge by the keys we set; lists of
 * the same length merge element by element (keeping defaults inside elements); a list of another
 * length is replaced by ours; an {@link OwnedFields owned field} is replaced whole, or removed when
 * we leave it out. The spec of an autoscaling child is replaced whole: all of it is ours (the
 * server fills its defaults in again), and merging would leave fields of the other Kthena release's
 * shape behind when a policy moves between the v0.4 and v1.0 schemas.
 */
final class Merge {
  private Merge() {}

  static GenericKubernetesResource ours(
      GenericKubernetesResource desired, GenericKubernetesResource live) {
    Map<String, Object> want = Trees.of(desired);
    Map<String, Object> result = Trees.of(live);
    Map<String, Object> wantMeta = Trees.map(want.get("metadata"));
    Map<String, Object> resultMeta = Trees.map(result.get("metadata"));
    result.put("metadata", resultMeta);
    for (String field : List.of("labels", "annotations")) {
      if (wantMeta.get(field) != null) {
        resultMeta.put(field, merge(wantMeta.get(field), resultMeta.get(field)));
      }
    }
    if (wantMeta.get("ownerReferences") instanceof List<?> refs) {
      resultMeta.put("ownerReferences", ownerReferences(refs, resultMeta.get("ownerReferences")));
    }
    if (want.get("spec") != null) {
      result.put(
          "spec",
          wholeSpec(desired.getKind())
              ? want.get("spec")
              : merge(want.get("spec"), result.get("spec")));
    }
    for (OwnedFields.Slot slot : OwnedFields.slots(desired.getKind(), want, result)) {
      if (slot.desired().containsKey(slot.key())) {
        slot.live().put(slot.key(), slot.desired().get(slot.key()));
      } else {
        slot.live().remove(slot.key());
      }
    }
    result.remove("status");
    return Trees.toResource(result);
  }

  private static boolean wholeSpec(String kind) {
    return ChildKind.AUTOSCALING_POLICY.kind().equals(kind)
        || ChildKind.AUTOSCALING_POLICY_BINDING.kind().equals(kind);
  }

  /** Ours merged into the live reference with the same UID, or added; others' references stay. */
  private static List<Object> ownerReferences(List<?> ours, Object live) {
    List<Object> out = new ArrayList<>(live instanceof List<?> l ? l : List.of());
    for (Object ref : ours) {
      Map<String, Object> existing = Trees.element(out, "uid", Trees.map(ref).get("uid"));
      if (existing == null) {
        out.add(ref);
      } else {
        out.set(out.indexOf(existing), merge(ref, existing));
      }
    }
    return out;
  }

  private static Object merge(Object want, Object have) {
    if (want instanceof Map<?, ?> wantMap && have instanceof Map<?, ?> haveMap) {
      Map<String, Object> out = new LinkedHashMap<>();
      haveMap.forEach((k, v) -> out.put(String.valueOf(k), v));
      wantMap.forEach(
          (k, v) -> {
            if (v != null) {
              out.put(String.valueOf(k), merge(v, haveMap.get(k)));
            }
          });
      return out;
    }
    if (want instanceof List<?> wantList
        && have instanceof List<?> haveList
        && wantList.size() == haveList.size()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < wantList.size(); i++) {
        out.add(
            wantList.get(i) == null ? haveList.get(i) : merge(wantList.get(i), haveList.get(i)));
      }
      return out;
    }
    return want;
  }
}

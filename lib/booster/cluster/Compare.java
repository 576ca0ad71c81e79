package booster.cluster;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * "Anything to change?" for one child, shared by the operator and {@code kubectl booster diff} (decisions.md 15).
 * The desired object is a SUBSET of the live one: only the fields we set count (labels and annotations by the keys
 * we set, ownerReferences, spec); defaults the API server filled in and fields others added are not changes.
 * Lists are compared element by element and must have the same length.
 */
public final class Compare {
  /** The ModelServing field the CRD makes immutable (decisions.md 21). */
  public static final String IMMUTABLE_GANG_MINIMUMS = "spec.template.gangPolicy.minRoleReplicas";

  private Compare() {
  }

  /** Every field we set whose live value differs, in a stable order; empty when the child is up to date. */
  @SuppressWarnings("unchecked")
  public static List<FieldChange> changes(GenericKubernetesResource desired, GenericKubernetesResource live) {
    Map<String, Object> want = Trees.of(desired);
    Map<String, Object> have = Trees.of(live);
    Map<String, Object> wantMeta = map(want.get("metadata"));
    Map<String, Object> haveMeta = map(have.get("metadata"));
    boolean serving = ChildKind.MODEL_SERVING.kind().equals(desired.getKind());
    Object liveGang = serving ? at(have, "spec", "template", "gangPolicy", "minRoleReplicas") : null;
    List<FieldChange> out = new ArrayList<>();
    for (String field : List.of("labels", "annotations", "ownerReferences")) {
      walk("metadata." + field, wantMeta.get(field), haveMeta.get(field), out, liveGang != null);
    }
    walk("spec", want.get("spec"), have.get("spec"), out, liveGang != null);
    return out;
  }

  /**
   * Decision 14: the ModelServings an autoscaling binding of this desired set targets. Their {@code spec.replicas}
   * belongs to the autoscaler once they exist, so it is left out of comparisons and updates (it is still sent on
   * create).
   */
  public static Set<String> autoscaledServings(List<GenericKubernetesResource> desired) {
    Set<String> names = new HashSet<>();
    for (GenericKubernetesResource child : desired) {
      if (!ChildKind.AUTOSCALING_POLICY_BINDING.kind().equals(child.getKind())) {
        continue;
      }
      Map<String, Object> spec = map(child.getAdditionalProperties().get("spec"));
      addTarget(map(spec.get("homogeneousTarget")).get("target"), names);
      Object params = map(spec.get("heterogeneousTarget")).get("params");
      if (params instanceof List<?> list) {
        list.forEach(p -> addTarget(map(p).get("target"), names));
      }
    }
    return names;
  }

  /**
   * The desired set as the operator compares and updates it (decision 14): a copy where every ModelServing an
   * autoscaling binding targets has no {@code spec.replicas}.
   */
  public static List<GenericKubernetesResource> withoutAutoscaledReplicas(List<GenericKubernetesResource> desired) {
    Set<String> autoscaled = autoscaledServings(desired);
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (GenericKubernetesResource child : desired) {
      if (ChildKind.MODEL_SERVING.kind().equals(child.getKind())
          && autoscaled.contains(child.getMetadata().getName())) {
        Map<String, Object> tree = Trees.of(child);
        map(tree.get("spec")).remove("replicas");
        out.add(Trees.toResource(tree));
      } else {
        out.add(child);
      }
    }
    return out;
  }

  private static void addTarget(Object target, Set<String> names) {
    Map<String, Object> ref = map(map(target).get("targetRef"));
    if (ChildKind.MODEL_SERVING.kind().equals(ref.getOrDefault("kind", ChildKind.MODEL_SERVING.kind()))
        && ref.get("name") instanceof String name) {
      names.add(name);
    }
  }

  private static void walk(String path, Object want, Object have, List<FieldChange> out, boolean gangLive) {
    if (want == null) {
      return;
    }
    if (want instanceof Map<?, ?> wantMap) {
      if (!(have instanceof Map<?, ?> haveMap)) {
        if (!wantMap.isEmpty()) {
          out.add(change(path, want, have, gangLive));
        }
        return;
      }
      for (Map.Entry<?, ?> e : wantMap.entrySet()) {
        String key = String.valueOf(e.getKey());
        walk(Trees.child(path, key), e.getValue(), haveMap.get(key), out, gangLive);
      }
      return;
    }
    if (want instanceof List<?> wantList) {
      if (!(have instanceof List<?> haveList) || haveList.size() != wantList.size()) {
        if (!wantList.isEmpty() || have != null) {
          out.add(change(path, want, have, gangLive));
        }
        return;
      }
      for (int i = 0; i < wantList.size(); i++) {
        walk(path + "[" + i + "]", wantList.get(i), haveList.get(i), out, gangLive);
      }
      return;
    }
    if (!sameScalar(want, have)) {
      out.add(change(path, want, have, gangLive));
    }
  }

  private static FieldChange change(String path, Object want, Object have, boolean gangLive) {
    boolean immutable = gangLive && (path.equals(IMMUTABLE_GANG_MINIMUMS)
        || path.startsWith(IMMUTABLE_GANG_MINIMUMS + ".") || path.startsWith(IMMUTABLE_GANG_MINIMUMS + "["));
    return new FieldChange(path, want, have, immutable);
  }

  /** Numbers compare by value: a desired 1 (int) equals a live 1 read back as long or 1.0. */
  static boolean sameScalar(Object want, Object have) {
    if (want instanceof Number a && have instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return Objects.equals(want, have);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  private static Object at(Map<String, Object> tree, String... keys) {
    Object current = tree;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }
}

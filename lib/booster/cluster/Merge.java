package booster.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object an update sends (decisions.md 15): the live object, with its resourceVersion and everything others
 * set, and our fields written over it. Maps merge by the keys we set; lists of the same length merge element by
 * element (keeping defaults inside elements); a list of another length is replaced by ours.
 */
public final class Merge {
  private Merge() {
  }

  public static GenericKubernetesResource ours(GenericKubernetesResource desired, GenericKubernetesResource live) {
    Map<String, Object> want = Trees.of(desired);
    Map<String, Object> result = Trees.of(live);
    Map<String, Object> wantMeta = Compare.map(want.get("metadata"));
    Map<String, Object> resultMeta = Compare.map(result.get("metadata"));
    result.put("metadata", resultMeta);
    for (String field : List.of("labels", "annotations", "ownerReferences")) {
      if (wantMeta.get(field) != null) {
        resultMeta.put(field, merge(wantMeta.get(field), resultMeta.get(field)));
      }
    }
    if (want.get("spec") != null) {
      result.put("spec", merge(want.get("spec"), result.get("spec")));
    }
    result.remove("status");
    return Trees.toResource(result);
  }

  private static Object merge(Object want, Object have) {
    if (want instanceof Map<?, ?> wantMap && have instanceof Map<?, ?> haveMap) {
      Map<String, Object> out = new LinkedHashMap<>();
      haveMap.forEach((k, v) -> out.put(String.valueOf(k), v));
      wantMap.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), merge(v, haveMap.get(k)));
        }
      });
      return out;
    }
    if (want instanceof List<?> wantList && have instanceof List<?> haveList
        && wantList.size() == haveList.size()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < wantList.size(); i++) {
        out.add(wantList.get(i) == null ? haveList.get(i) : merge(wantList.get(i), haveList.get(i)));
      }
      return out;
    }
    return want;
  }
}

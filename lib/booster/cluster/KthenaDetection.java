package booster.cluster;

import booster.translate.ChildKind;
import booster.translate.KthenaProfile;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which Kthena release a cluster runs, read from what its API server serves
 * (docs/kthena-versions.md). The served AutoscalingPolicy schema decides (OpenAPI v3): an upgraded
 * v1.0 cluster may still serve the v0.4 binding kind, because Helm never upgrades or deletes the
 * CRDs of a chart. Without an OpenAPI v3 answer the resource list decides: no {@code
 * autoscalingpolicybindings} means v1.0. Discovery and OpenAPI v3 are readable by every
 * authenticated user, so this needs no extra permission.
 */
public final class KthenaDetection {
  private static final String WORKLOAD_GROUP = ChildKind.AUTOSCALING_POLICY.group();
  private static final String OPENAPI_V3 =
      "/openapi/v3/apis/" + WORKLOAD_GROUP + "/" + ChildKind.VERSION;

  /** The profile to render for, and what it was read from (for logs and messages). */
  public record Detected(KthenaProfile profile, String evidence) {}

  private KthenaDetection() {}

  /** The child kinds the cluster serves: one discovery GET per API group of the children. */
  public static Set<ChildKind> served(KubernetesClient client) {
    Set<String> groups = new LinkedHashSet<>();
    for (ChildKind kind : ChildKind.values()) {
      groups.add(kind.group());
    }
    Set<ChildKind> served = EnumSet.noneOf(ChildKind.class);
    for (String group : groups) {
      APIResourceList resources = client.getApiResources(group + "/" + ChildKind.VERSION);
      if (resources == null) {
        continue;
      }
      for (ChildKind kind : ChildKind.values()) {
        if (kind.group().equals(group)
            && resources.getResources().stream()
                .map(APIResource::getName)
                .anyMatch(kind.plural()::equals)) {
          served.add(kind);
        }
      }
    }
    return served;
  }

  /**
   * The cluster's profile: from the AutoscalingPolicy schema in OpenAPI v3, else from {@code
   * served} (asked only then).
   */
  public static Detected profile(KubernetesClient client, Supplier<Set<ChildKind>> served) {
    String unreadable;
    try {
      String document = client.raw(OPENAPI_V3);
      if (document == null) {
        unreadable = "no OpenAPI v3 document for " + WORKLOAD_GROUP;
      } else {
        KthenaProfile fromSchema = fromSchema(Trees.SERIALIZATION.unmarshal(document, Map.class));
        if (fromSchema != null) {
          return new Detected(fromSchema, "the served AutoscalingPolicy schema");
        }
        unreadable = "the OpenAPI v3 document has no AutoscalingPolicy schema of a known release";
      }
    } catch (KubernetesClientException e) {
      unreadable = "OpenAPI v3 unavailable (HTTP " + e.getCode() + ")";
    }
    boolean bindings = served.get().contains(ChildKind.AUTOSCALING_POLICY_BINDING);
    return new Detected(
        bindings ? KthenaProfile.V0_4 : KthenaProfile.V1_0,
        unreadable
            + "; "
            + ChildKind.AUTOSCALING_POLICY_BINDING.plural()
            + (bindings ? " served" : " not served"));
  }

  /**
   * v1.0 moved the target into the policy; v0.4 named a metric {@code metricName}; null when
   * neither.
   */
  static KthenaProfile fromSchema(Map<?, ?> document) {
    Object schemas = Trees.map(document.get("components")).get("schemas");
    if (!(schemas instanceof Map<?, ?> all)) {
      return null;
    }
    for (Object schema : all.values()) {
      if (isAutoscalingPolicy(Trees.map(schema).get("x-kubernetes-group-version-kind"))) {
        Map<String, Object> spec = Trees.map(properties(schema).get("spec"));
        if (properties(spec).containsKey("homogeneousTarget")) {
          return KthenaProfile.V1_0;
        }
        if (properties(Trees.map(properties(spec).get("metrics")).get("items"))
            .containsKey("metricName")) {
          return KthenaProfile.V0_4;
        }
      }
    }
    return null;
  }

  private static boolean isAutoscalingPolicy(Object gvks) {
    return gvks instanceof List<?> list
        && list.stream()
            .map(Trees::map)
            .anyMatch(
                gvk ->
                    WORKLOAD_GROUP.equals(gvk.get("group"))
                        && ChildKind.AUTOSCALING_POLICY.kind().equals(gvk.get("kind")));
  }

  private static Map<String, Object> properties(Object schema) {
    return Trees.map(Trees.map(schema).get("properties"));
  }
}

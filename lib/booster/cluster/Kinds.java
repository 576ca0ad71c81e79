package booster.cluster;

import booster.api.ModelBooster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.EnumMap;
import java.util.Map;

/** Where each kind lives in the API: the five child kinds and ModelBooster itself. */
public final class Kinds {
  public static final ResourceDefinitionContext MODEL_BOOSTER =
      context(ModelBooster.GROUP, ModelBooster.KIND, "modelboosters");

  private static final Map<ChildKind, ResourceDefinitionContext> CHILDREN =
      new EnumMap<>(ChildKind.class);

  static {
    for (ChildKind kind : ChildKind.values()) {
      CHILDREN.put(kind, context(kind.group(), kind.kind(), kind.plural()));
    }
  }

  private Kinds() {}

  public static ResourceDefinitionContext of(ChildKind kind) {
    return CHILDREN.get(kind);
  }

  /**
   * Untyped handle on one child kind, in all namespaces until narrowed with {@code inNamespace}.
   */
  public static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      children(KubernetesClient client, ChildKind kind) {
    return client.genericKubernetesResources(of(kind));
  }

  /** Handle on one child object, by its kind, namespace and name. */
  public static Resource<GenericKubernetesResource> child(
      KubernetesClient client, GenericKubernetesResource child) {
    return children(client, ChildKind.ofKind(child.getKind()))
        .inNamespace(child.getMetadata().getNamespace())
        .resource(child);
  }

  /**
   * Untyped handle on ModelBoosters (reads objects of either shape, even ones the typed model
   * rejects).
   */
  public static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      genericBoosters(KubernetesClient client) {
    return client.genericKubernetesResources(MODEL_BOOSTER);
  }

  /** Typed handle on ModelBoosters. */
  public static MixedOperation<
          ModelBooster, KubernetesResourceList<ModelBooster>, Resource<ModelBooster>>
      boosters(KubernetesClient client) {
    return client.resources(ModelBooster.class);
  }

  private static ResourceDefinitionContext context(String group, String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(ChildKind.VERSION)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}

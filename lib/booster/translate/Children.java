package booster.translate;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.TreeMap;

/** Assembles a child object: kind, name, namespace, labels, owner reference, and a spec as a plain JSON tree. */
public final class Children {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Children() {
  }

  /**
   * The spec is converted to plain maps and lists so that children compare, hash and print the same way whether
   * they were built here from fabric8 model objects or read back from the API server.
   */
  public static GenericKubernetesResource of(ChildKind kind, ModelBooster booster, String name,
      Map<String, String> labels, Object spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(kind.apiVersion())
        .withKind(kind.kind())
        .withNewMetadata()
          .withName(name)
          .withNamespace(booster.getMetadata().getNamespace())
          .withLabels(new TreeMap<>(labels))
          .withOwnerReferences(OwnerReferences.controller(booster))
        .endMetadata()
        .addToAdditionalProperties("spec", toTree(spec))
        .build();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> toTree(Object value) {
    return SERIALIZATION.convertValue(value, Map.class);
  }
}

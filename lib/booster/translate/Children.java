package booster.translate;

import booster.api.ModelBooster;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assembles a child object: kind, name, namespace, labels, owner reference, and a spec as a plain
 * JSON tree.
 */
public final class Children {
  /**
   * A plain mapper: the fabric8 models carry their own Jackson annotations, and fabric8's
   * serialization adds per-property delegation that made this conversion the translator's largest
   * cost.
   */
  private static final JsonMapper TREES =
      JsonMapper.builder()
          .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private Children() {}

  /**
   * The spec is converted to plain maps and lists so that children compare, hash and print the same
   * way whether they were built here from fabric8 model objects or read back from the API server.
   */
  public static GenericKubernetesResource of(
      ChildKind kind, ModelBooster booster, String name, Map<String, String> labels, Object spec) {
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
  static Map<String, Object> toTree(Object value) {
    return TREES.convertValue(value, Map.class);
  }

  /** A list of model objects as plain JSON trees. */
  @SuppressWarnings("unchecked")
  static List<Object> toTreeList(List<?> values) {
    return TREES.convertValue(values, List.class);
  }
}

package booster.translate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The revision label (docs/design.md §2.3): a SHA-256 digest of the canonical JSON of the whole
 * child as rendered without a revision, written in upstream's alphabet ({@code [4-9bcdf]}, up to 10
 * characters) so values look alike. Hashing the whole child means any change of image, template or
 * model name rolls out.
 */
final class Revision {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();
  private static final char[] SAFE_DIGITS = {'4', '5', '6', '7', '8', '9', 'b', 'c', 'd', 'f'};

  private Revision() {}

  /**
   * Renders a child once with the base labels, computes the digest of that draft, then adds the
   * revision label to the object and to every label set in its spec equal to the base labels (the
   * pod templates of a ModelServing).
   */
  static GenericKubernetesResource stamp(
      Map<String, String> baseLabels,
      Function<Map<String, String>, GenericKubernetesResource> template) {
    GenericKubernetesResource child = template.apply(baseLabels);
    String revision = of(child);
    child.getMetadata().getLabels().put(Labels.REVISION, revision);
    addToLabelSets(child.getAdditionalProperties().get("spec"), baseLabels, revision);
    return child;
  }

  @SuppressWarnings("unchecked")
  private static void addToLabelSets(Object node, Map<String, String> baseLabels, String revision) {
    if (node instanceof Map<?, ?> map) {
      if (map.get("labels") instanceof Map<?, ?> labels && labels.equals(baseLabels)) {
        ((Map<String, Object>) labels).put(Labels.REVISION, revision);
      }
      map.values().forEach(v -> addToLabelSets(v, baseLabels, revision));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> addToLabelSets(v, baseLabels, revision));
    }
  }

  static String of(GenericKubernetesResource draft) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(draft);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      long value =
          ((digest[0] & 0xffL) << 24)
              | ((digest[1] & 0xffL) << 16)
              | ((digest[2] & 0xffL) << 8)
              | (digest[3] & 0xffL);
      return encode(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot compute revision", e);
    }
  }

  static String encode(long unsigned) {
    String decimal = Long.toString(unsigned);
    StringBuilder out = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      out.append(SAFE_DIGITS[c - '0']);
    }
    return out.toString();
  }
}

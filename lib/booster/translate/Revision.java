package booster.translate;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The revision label (decisions.md 8): a SHA-256 digest of the canonical JSON of the whole child as rendered
 * without a revision, written in upstream's alphabet ({@code [4-9bcdf]}, up to 10 characters) so values look alike.
 * Hashing the whole child means any change of image, template or model name rolls out.
 */
public final class Revision {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();
  private static final char[] SAFE_DIGITS = {'4', '5', '6', '7', '8', '9', 'b', 'c', 'd', 'f'};

  private Revision() {
  }

  /**
   * Renders a child twice: once with the base labels to compute the digest, then with the revision label added.
   * The template receives the labels to put on the object (and on pod templates, for ModelServings).
   */
  public static GenericKubernetesResource stamp(Map<String, String> baseLabels,
      Function<Map<String, String>, GenericKubernetesResource> template) {
    String revision = of(template.apply(baseLabels));
    Map<String, String> labels = new TreeMap<>(baseLabels);
    labels.put(Labels.REVISION, revision);
    return template.apply(labels);
  }

  public static String of(GenericKubernetesResource draft) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(CANONICAL.convertValue(draft, Object.class));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      long value = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
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

package booster.translate;

import java.util.Map;

/**
 * Controller knobs that shape the children: the images (defaults are upstream's; the environment
 * variables {@code BOOSTER_DOWNLOADER_IMAGE} and {@code BOOSTER_RUNTIME_IMAGE} or the commands'
 * flags override them) and the Kthena profile the children are written for.
 */
public record TranslatorConfig(String downloaderImage, String runtimeImage, KthenaProfile profile) {
  public static final String DEFAULT_DOWNLOADER_IMAGE = "kthena/downloader:latest";
  public static final String DEFAULT_RUNTIME_IMAGE = "kthena/runtime:latest";
  public static final String DOWNLOADER_IMAGE_ENV = "BOOSTER_DOWNLOADER_IMAGE";
  public static final String RUNTIME_IMAGE_ENV = "BOOSTER_RUNTIME_IMAGE";

  /** Upstream's images, profile v0.4 (callers that know the cluster choose the profile). */
  public static TranslatorConfig defaults() {
    return defaults(KthenaProfile.V0_4);
  }

  /** Upstream's images, for the given profile. */
  public static TranslatorConfig defaults(KthenaProfile profile) {
    return new TranslatorConfig(DEFAULT_DOWNLOADER_IMAGE, DEFAULT_RUNTIME_IMAGE, profile);
  }

  public static TranslatorConfig fromEnvironment(Map<String, String> env) {
    return new TranslatorConfig(
        env.getOrDefault(DOWNLOADER_IMAGE_ENV, DEFAULT_DOWNLOADER_IMAGE),
        env.getOrDefault(RUNTIME_IMAGE_ENV, DEFAULT_RUNTIME_IMAGE),
        KthenaProfile.V0_4);
  }

  /** Overrides from flags; a null argument keeps the current value. */
  public TranslatorConfig with(String downloader, String runtime) {
    return new TranslatorConfig(
        downloader == null ? downloaderImage : downloader,
        runtime == null ? runtimeImage : runtime,
        profile);
  }

  public TranslatorConfig withProfile(KthenaProfile value) {
    return new TranslatorConfig(downloaderImage, runtimeImage, value);
  }
}

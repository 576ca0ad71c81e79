package booster.cli;

import booster.translate.TranslatorConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Image flags of the translator; they win over BOOSTER_DOWNLOADER_IMAGE / BOOSTER_RUNTIME_IMAGE.
 */
final class TranslatorOptions {
  @Option(
      names = "--downloader-image",
      paramLabel = "IMAGE",
      order = HelpOrder.INPUT,
      description =
          "Model downloader image (default: $"
              + TranslatorConfig.DOWNLOADER_IMAGE_ENV
              + " or "
              + TranslatorConfig.DEFAULT_DOWNLOADER_IMAGE
              + ").")
  private String downloaderImage;

  @Option(
      names = "--runtime-image",
      paramLabel = "IMAGE",
      order = HelpOrder.INPUT,
      description =
          "Runtime sidecar image (default: $"
              + TranslatorConfig.RUNTIME_IMAGE_ENV
              + " or "
              + TranslatorConfig.DEFAULT_RUNTIME_IMAGE
              + ").")
  private String runtimeImage;

  TranslatorConfig config(Map<String, String> environment) {
    return TranslatorConfig.fromEnvironment(environment).with(downloaderImage, runtimeImage);
  }
}

package booster.cli;

import booster.translate.KthenaProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped examples and the objects each renders to offline by default (Kthena v1.0), in print
 * order: the booster, ModelServing(s), ModelServer(s), the ModelRoute(s) (the main one, then
 * spec.routes[]), then each AutoscalingPolicy (named as upstream names them). Under v0.4 each
 * policy is followed by its binding: {@link #renders}.
 */
final class Examples {
  /**
   * Examples that only Kthena v1.0 can run (prefill/decode role autoscaling), with the field a v0.4
   * render refuses; the offline default (v1.0) renders them.
   */
  static final Map<String, String> NEEDS_KTHENA_V1 =
      Map.of("prefill-decode-role-autoscaling.yaml", "spec.backend.workers[0].maxReplicas");

  static final Map<String, List<String>> RENDERS =
      Map.of(
          "single-gpu.yaml",
              List.of(
                  "ModelBooster/qwen-chat",
                  "ModelServing/qwen-chat-gpu",
                  "ModelServer/qwen-chat-gpu",
                  "ModelRoute/qwen-chat"),
          "multi-node-ray.yaml",
              List.of(
                  "ModelBooster/llama-70b",
                  "ModelServing/llama-70b-h100",
                  "ModelServer/llama-70b-h100",
                  "ModelRoute/llama-70b"),
          "prefill-decode.yaml",
              List.of(
                  "ModelBooster/deepseek-pd",
                  "ModelServing/deepseek-pd-mooncake",
                  "ModelServer/deepseek-pd-mooncake",
                  "ModelRoute/deepseek-pd",
                  "AutoscalingPolicy/deepseek-pd-mooncake"),
          "fixed-replicas.yaml",
              List.of(
                  "ModelBooster/qwen-coder",
                  "ModelServing/qwen-coder-l40s",
                  "ModelServer/qwen-coder-l40s",
                  "ModelRoute/qwen-coder"),
          "prefill-decode-role-autoscaling.yaml",
              List.of(
                  "ModelBooster/deepseek-roles",
                  "ModelServing/deepseek-roles-nixl",
                  "ModelServer/deepseek-roles-nixl",
                  "ModelRoute/deepseek-roles",
                  "AutoscalingPolicy/deepseek-roles-nixl"),
          "gateway-routes.yaml",
              List.of(
                  "ModelBooster/llama-70b",
                  "ModelServing/llama-70b-h100",
                  "ModelServer/llama-70b-h100",
                  "ModelRoute/llama-70b",
                  "ModelRoute/llama-70b-acme",
                  "ModelRoute/llama-70b-alias"),
          "legacy-multi-backend.yaml",
              List.of(
                  "ModelBooster/mistral",
                  "ModelServing/mistral-a100",
                  "ModelServing/mistral-l40s",
                  "ModelServing/mistral-t4",
                  "ModelServer/mistral-a100",
                  "ModelServer/mistral-l40s",
                  "ModelServer/mistral-t4",
                  "ModelRoute/mistral",
                  "AutoscalingPolicy/mistral"));

  private Examples() {}

  /** What the example renders to for {@code profile}. */
  static List<String> renders(String name, KthenaProfile profile) {
    List<String> out = new ArrayList<>();
    for (String object : RENDERS.get(name)) {
      out.add(object);
      if (profile == KthenaProfile.V0_4 && object.startsWith("AutoscalingPolicy/")) {
        out.add(object.replace("AutoscalingPolicy/", "AutoscalingPolicyBinding/"));
      }
    }
    return out;
  }

  static Path path(String name) {
    return Path.of("examples", name);
  }

  static String text(String name) {
    try {
      return Files.readString(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file in examples/, so a new example without expectations fails the tests. */
  static List<String> all() {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

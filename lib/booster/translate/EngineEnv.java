package booster.translate;

import booster.api.ModelBackend;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environment lists of a backend's containers, in upstream's order (convert/model_serving.go).
 * Duplicate names are reduced to the last entry (docs/design.md §2.6), which is also the value
 * Kubernetes would give the container.
 */
final class EngineEnv {
  /** Download variables forwarded to the model downloader, in this order (v0.4.0 list). */
  static final List<String> DOWNLOAD_VARIABLES =
      List.of("ENDPOINT", "HF_ENDPOINT", "MS_TOKEN", "MS_REVISION");

  private EngineEnv() {}

  /** The backend's own env, deduplicated: the Ray worker and the LoRA downloaders get this. */
  static List<EnvVar> backend(ModelBackend backend) {
    return lastOfEachName(backend.getEnv() == null ? List.of() : backend.getEnv());
  }

  /**
   * Runtime and engine containers of a vLLM backend: the backend env, then the standard entries.
   */
  static List<EnvVar> engine(ModelBackend backend) {
    return withStandard(backend, List.of());
  }

  /** Runtime and vLLM containers of the prefill role. */
  static List<EnvVar> prefill(ModelBackend backend) {
    return withStandard(
        backend,
        List.of(
            literal("HF_HUB_OFFLINE", "1"),
            new EnvVarBuilder()
                .withName("HCCL_IF_IP")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.podIP")
                .endFieldRef()
                .endValueFrom()
                .build()));
  }

  /** Runtime and vLLM containers of the decode role. */
  static List<EnvVar> decode(ModelBackend backend) {
    return withStandard(
        backend,
        List.of(
            literal("HF_HUB_OFFLINE", "1"),
            literal("GLOO_SOCKET_IFNAME", "eth0"),
            literal("TP_SOCKET_IFNAME", "eth0"),
            literal("HCCL_SOCKET_IFNAME", "eth0")));
  }

  /**
   * The model downloader's env: each download variable the backend sets, with a literal value or a
   * {@code valueFrom} (docs/design.md §2.6; upstream forwarded literal values only).
   */
  static List<EnvVar> downloader(ModelBackend backend) {
    Map<String, EnvVar> byName = new LinkedHashMap<>();
    backend(backend).forEach(e -> byName.put(e.getName(), e));
    List<EnvVar> out = new ArrayList<>();
    for (String name : DOWNLOAD_VARIABLES) {
      EnvVar e = byName.get(name);
      if (e != null
          && (e.getValueFrom() != null || (e.getValue() != null && !e.getValue().isEmpty()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<EnvVar> withStandard(ModelBackend backend, List<EnvVar> extras) {
    List<EnvVar> all = new ArrayList<>(backend.getEnv() == null ? List.of() : backend.getEnv());
    all.add(fieldRef("POD_NAME", "metadata.name"));
    all.add(fieldRef("NAMESPACE", "metadata.namespace"));
    all.add(literal("VLLM_USE_V1", "1"));
    all.add(redisConfig("REDIS_HOST"));
    all.add(redisConfig("REDIS_PORT"));
    all.add(
        new EnvVarBuilder()
            .withName("REDIS_PASSWORD")
            .withNewValueFrom()
            .withNewSecretKeyRef()
            .withName("redis-secret")
            .withKey("REDIS_PASSWORD")
            .withOptional(true)
            .endSecretKeyRef()
            .endValueFrom()
            .build());
    all.addAll(extras);
    return lastOfEachName(all);
  }

  /** Keeps the last entry of each name, at that entry's position. */
  static List<EnvVar> lastOfEachName(List<EnvVar> env) {
    Map<String, EnvVar> byName = new LinkedHashMap<>();
    for (EnvVar e : env) {
      byName.remove(e.getName());
      byName.put(e.getName(), e);
    }
    return new ArrayList<>(byName.values());
  }

  /** A key of the optional redis-config ConfigMap, under the same name. */
  private static EnvVar redisConfig(String key) {
    return new EnvVarBuilder()
        .withName(key)
        .withNewValueFrom()
        .withNewConfigMapKeyRef()
        .withName("redis-config")
        .withKey(key)
        .withOptional(true)
        .endConfigMapKeyRef()
        .endValueFrom()
        .build();
  }

  private static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fieldRef(String name, String fieldPath) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(fieldPath)
        .endFieldRef()
        .endValueFrom()
        .build();
  }
}

package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.api.ModelBackend;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Env lists of the engine, runtime and init containers in upstream's order, with our env fixes
 * (design.md §2.6).
 */
class EngineEnvTest {
  private static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fromSecret(String name) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName("s")
        .withKey(name)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static ModelBackend backend(EnvVar... env) {
    ModelBackend backend = new ModelBackend();
    backend.setEnv(List.of(env));
    return backend;
  }

  private static List<String> names(List<EnvVar> env) {
    return env.stream().map(EnvVar::getName).toList();
  }

  @Test
  void engineListIsBackendEnvThenTheStandardEntries() {
    List<EnvVar> env = EngineEnv.engine(backend(literal("A", "1")));
    assertEquals(
        List.of(
            "A",
            "POD_NAME",
            "NAMESPACE",
            "VLLM_USE_V1",
            "REDIS_HOST",
            "REDIS_PORT",
            "REDIS_PASSWORD"),
        names(env));
    assertEquals("metadata.name", env.get(1).getValueFrom().getFieldRef().getFieldPath());
    assertEquals("redis-config", env.get(4).getValueFrom().getConfigMapKeyRef().getName());
    assertEquals(true, env.get(6).getValueFrom().getSecretKeyRef().getOptional());
    assertEquals(List.of(), names(EngineEnv.backend(new ModelBackend())));
  }

  @Test
  void disaggregatedRolesAppendTheirEntries() {
    List<String> standard =
        List.of(
            "POD_NAME", "NAMESPACE", "VLLM_USE_V1", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD");
    List<EnvVar> prefill = EngineEnv.prefill(new ModelBackend());
    assertEquals(concat(standard, List.of("HF_HUB_OFFLINE", "HCCL_IF_IP")), names(prefill));
    assertEquals("status.podIP", prefill.get(7).getValueFrom().getFieldRef().getFieldPath());
    assertEquals(
        concat(
            standard,
            List.of(
                "HF_HUB_OFFLINE", "GLOO_SOCKET_IFNAME", "TP_SOCKET_IFNAME", "HCCL_SOCKET_IFNAME")),
        names(EngineEnv.decode(new ModelBackend())));
  }

  @Test
  void duplicateNamesKeepTheLastEntry() {
    List<EnvVar> env =
        EngineEnv.engine(
            backend(literal("A", "1"), literal("VLLM_USE_V1", "0"), literal("A", "2")));
    assertEquals(
        List.of(
            "A",
            "POD_NAME",
            "NAMESPACE",
            "VLLM_USE_V1",
            "REDIS_HOST",
            "REDIS_PORT",
            "REDIS_PASSWORD"),
        names(env));
    assertEquals("2", env.get(0).getValue());
    assertEquals("1", env.get(3).getValue());
  }

  @Test
  void downloaderGetsDownloadVariablesWithValuesOrValueFrom() {
    ModelBackend backend =
        backend(
            literal("RUNTIME_PORT", "8900"),
            fromSecret("MS_TOKEN"),
            literal("HF_ENDPOINT", ""),
            literal("MS_REVISION", "v1"),
            fromSecret("HF_ENDPOINT"),
            literal("ENDPOINT", "https://e"));
    List<EnvVar> env = EngineEnv.downloader(backend);
    assertEquals(List.of("ENDPOINT", "HF_ENDPOINT", "MS_TOKEN", "MS_REVISION"), names(env));
    assertEquals("s", env.get(1).getValueFrom().getSecretKeyRef().getName());
    assertEquals(
        List.of(),
        names(EngineEnv.downloader(backend(literal("ENDPOINT", ""), literal("X", "y")))));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}

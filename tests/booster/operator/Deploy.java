package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.TestSerialization;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** deploy/ as the API server would receive it: rendered by the real {@code kubectl kustomize}. */
final class Deploy {
  static final Path DIR = Path.of("deploy");
  private static final Map<Path, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

  private Deploy() {}

  /**
   * The rendered documents of a kustomization directory, as plain trees (rendered once per JVM).
   */
  static List<Map<String, Object>> documents(Path kustomization) {
    return RENDERED.computeIfAbsent(kustomization.toAbsolutePath().normalize(), Deploy::render);
  }

  /** The rendered objects of deploy/, each as its fabric8 model type. */
  static List<HasMetadata> objects() {
    return documents(DIR).stream().map(Deploy::typed).toList();
  }

  static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), "rendered " + type.getSimpleName() + " objects");
    return found.get(0);
  }

  static Deployment deployment() {
    return only(objects(), Deployment.class);
  }

  static HasMetadata typed(Map<String, Object> document) {
    return (HasMetadata)
        TestSerialization.KUBERNETES.unmarshal(TestSerialization.KUBERNETES.asJson(document));
  }

  private static List<Map<String, Object>> render(Path dir) {
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectErrorStream(false)
              .start();
      process.getOutputStream().close();
      // stdout first: it is the large one (stderr only says why a render failed).
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(
            "kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
      }
      try (MappingIterator<Map<String, Object>> docs =
          YAMLMapper.builder().build().readerFor(Map.class).readValues(out)) {
        return docs.readAll().stream().filter(d -> d != null).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run kubectl (needed to render deploy/): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

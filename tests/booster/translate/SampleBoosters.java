package booster.translate;

import booster.TestSerialization;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample boosters the translator tests render: upstream golden inputs and examples, and our own
 * examples.
 */
final class SampleBoosters {
  /** The project's example folder, relative to the project root where tests run. */
  static final Path EXAMPLES = Path.of("examples");

  private SampleBoosters() {}

  /** A booster with the place it came from, for test names and messages. */
  record Source(String name, ModelBooster booster) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Source> all() {
    List<Source> all = new ArrayList<>();
    for (String tag : List.of("v0.1.0", "v0.4.0", "v1.0.0")) {
      all.addAll(
          folder(Golden.REFERENCE.resolve(tag).resolve("convert-testdata/input"), tag + " input "));
      all.addAll(
          folder(
              Golden.REFERENCE.resolve(tag).resolve("examples/model-booster"), tag + " example "));
    }
    all.addAll(projectExamples());
    return all;
  }

  /**
   * Whether a profile can render the booster: all but role autoscaling (a worker maxReplicas) under
   * v0.4, whose translator refuses it with an error naming the field.
   */
  static boolean renderable(ModelBooster booster, KthenaProfile profile) {
    return profile == KthenaProfile.V1_0
        || booster.getSpec().allBackends().stream().noneMatch(ModelBackend::scalesRoles);
  }

  /** Our own examples; once the folder exists it must hold at least one booster. */
  static List<Source> projectExamples() {
    if (!Files.isDirectory(EXAMPLES)) {
      return List.of();
    }
    List<Source> found = folder(EXAMPLES, "examples/");
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "examples/ exists but holds no ModelBooster in any *.yaml file");
    }
    return found;
  }

  private static List<Source> folder(Path dir, String prefix) {
    List<Source> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        List<ModelBooster> boosters = read(file);
        for (int i = 0; i < boosters.size(); i++) {
          out.add(
              new Source(
                  prefix + file.getFileName() + (boosters.size() > 1 ? "#" + i : ""),
                  boosters.get(i)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The ModelBooster documents of a (possibly multi-document) YAML file; other kinds are ignored.
   */
  static List<ModelBooster> read(Path file) {
    Object parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = TestSerialization.KUBERNETES.unmarshal(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
    List<ModelBooster> boosters = new ArrayList<>();
    for (Object document : documents) {
      ModelBooster booster =
          document instanceof ModelBooster b
              ? b
              : TestSerialization.KUBERNETES.convertValue(document, ModelBooster.class);
      if (ModelBooster.KIND.equals(booster.getKind())) {
        boosters.add(booster);
      }
    }
    return boosters;
  }
}

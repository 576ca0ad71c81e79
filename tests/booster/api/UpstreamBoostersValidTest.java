package booster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.translate.ChildKind;
import booster.translate.Golden;
import booster.translate.KthenaProfile;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compatibility promise: every upstream example and converter test input (v0.1.0, v0.4.0, v1.0.0)
 * is accepted unchanged and renders in both Kthena profiles.
 */
class UpstreamBoostersValidTest {
  private static final Path REFERENCE = Golden.REFERENCE;

  static Stream<Path> manifests() throws IOException {
    List<Path> dirs =
        List.of(
            REFERENCE.resolve("v0.1.0/examples/model-booster"),
                REFERENCE.resolve("v0.4.0/examples/model-booster"),
            REFERENCE.resolve("v0.1.0/convert-testdata/input"),
                REFERENCE.resolve("v0.4.0/convert-testdata/input"),
            REFERENCE.resolve("v1.0.0/examples/model-booster"),
                REFERENCE.resolve("v1.0.0/convert-testdata/input"));
    Stream<Path> all = Stream.empty();
    for (Path dir : dirs) {
      assertTrue(Files.isDirectory(dir), "reference data missing: " + dir.toAbsolutePath());
      try (Stream<Path> files = Files.list(dir)) {
        all =
            Stream.concat(
                all, files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream());
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void hasNoErrors(Path manifest) {
    List<ModelBooster> boosters = ManifestReader.readFile(manifest);
    assertEquals(1, boosters.size());
    List<Problem> problems = Validation.validate(boosters.get(0));
    assertEquals(List.of(), problems.stream().filter(Problem::isError).toList());
    // MooncakeConnectorV1 and MooncakeConnector are both known (docs/design.md §2.6): no connector
    // warning.
    assertFalse(
        problems.stream().anyMatch(p -> p.path().contains("kv-transfer-config")),
        problems.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void rendersInBothProfiles(Path manifest) {
    ModelBooster booster = ManifestReader.readFile(manifest).get(0);
    for (KthenaProfile profile : KthenaProfile.values()) {
      List<String> kinds =
          new Translator(TranslatorConfig.defaults(profile))
              .translate(booster).stream().map(GenericKubernetesResource::getKind).toList();
      int backends = booster.getSpec().allBackends().size();
      assertEquals(
          backends, kinds.stream().filter("ModelServing"::equals).count(), profile + ": " + kinds);
      assertEquals(1, kinds.stream().filter("ModelRoute"::equals).count(), profile + ": " + kinds);
      List<String> allowed = profile.childKinds().stream().map(ChildKind::kind).toList();
      assertTrue(allowed.containsAll(kinds), profile + ": " + kinds);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void validationIsStable(Path manifest) {
    ModelBooster booster = ManifestReader.readFile(manifest).get(0);
    assertEquals(Validation.validate(booster), Validation.validate(booster));
  }
}

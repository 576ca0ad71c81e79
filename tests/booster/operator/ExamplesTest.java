package booster.operator;

import static booster.operator.Running.await;

import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each of the project's examples/*.yaml becomes exactly its translated children, then Initialized. */
@Timeout(60)
class ExamplesTest {
  @RegisterExtension
  static final TestCluster cluster = new TestCluster();
  private static final Path EXAMPLES = Path.of("examples");
  private static final String NONE = "(no examples/*.yaml)";

  static List<String> examples() throws IOException {
    List<String> files = Files.isDirectory(EXAMPLES) ? Files.list(EXAMPLES).map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".yaml")).sorted().toList() : List.of();
    return files.isEmpty() ? List.of(NONE) : files;
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleReconciles(String file) throws IOException {
    Assumptions.assumeFalse(NONE.equals(file), "examples/ has no manifests on this branch");
    GenericKubernetesResource booster = Serialization.unmarshal(Files.readString(EXAMPLES.resolve(file)),
        GenericKubernetesResource.class);
    booster.getMetadata().setNamespace(cluster.namespace());
    String name = booster.getMetadata().getName();
    try (Operator operator = Running.operator(cluster, Running.options(cluster))) {
      Kinds.genericBoosters(cluster.client()).inNamespace(cluster.namespace()).resource(booster).create();
      await(name + " Initialized", () -> Running.conditionIs(cluster, name, "Initialized", "True"));
      Running.assertChildrenAreTheTranslation(cluster, name);
    }
  }
}

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each of the project's examples/*.yaml becomes exactly its translated children, then Initialized. */
@Timeout(120)
class ExamplesTest {
  @RegisterExtension
  static final TestCluster cluster = new TestCluster();
  private static final Path EXAMPLES = Path.of("examples");

  @TestFactory
  Stream<DynamicTest> everyExampleReconciles() throws IOException {
    List<Path> files = Files.isDirectory(EXAMPLES)
        ? Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted().toList() : List.of();
    if (files.isEmpty()) {
      return Stream.of(DynamicTest.dynamicTest("no examples/*.yaml yet",
          () -> Assumptions.abort("examples/ has no manifests on this branch")));
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      GenericKubernetesResource booster = Serialization.unmarshal(Files.readString(file),
          GenericKubernetesResource.class);
      booster.getMetadata().setNamespace(cluster.namespace());
      String name = booster.getMetadata().getName();
      try (Operator operator = Running.operator(cluster, Running.options(cluster))) {
        Kinds.genericBoosters(cluster.client()).inNamespace(cluster.namespace()).resource(booster).create();
        await(name + " Initialized", () -> Running.conditionIs(cluster, name, "Initialized", "True"));
        Running.assertChildrenAreTheTranslation(cluster, name);
      }
    }));
  }
}

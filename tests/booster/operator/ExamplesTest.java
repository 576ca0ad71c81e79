package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the project's examples/*.yaml becomes exactly its translated children, then Initialized;
 * an example only Kthena v1.0 can run (role autoscaling) is Failed with the field named by an
 * operator writing for v0.4.
 */
@Timeout(60)
class ExamplesTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();
  private static final Path EXAMPLES = Path.of("examples");
  private static final String NONE = "(no examples/*.yaml)";
  private static final Set<String> NEEDS_KTHENA_V1 = Set.of("prefill-decode-role-autoscaling.yaml");

  static List<String> examples() throws IOException {
    List<String> files =
        Files.isDirectory(EXAMPLES)
            ? Files.list(EXAMPLES)
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".yaml"))
                .sorted()
                .toList()
            : List.of();
    return files.isEmpty() ? List.of(NONE) : files;
  }

  @SuppressWarnings("try") // the operator only has to be running while the block runs
  @ParameterizedTest
  @MethodSource("examples")
  void exampleReconciles(String file) throws IOException {
    Assumptions.assumeFalse(NONE.equals(file), "examples/ has no manifests on this branch");
    GenericKubernetesResource booster =
        Serialization.unmarshal(
            Files.readString(EXAMPLES.resolve(file)), GenericKubernetesResource.class);
    booster.getMetadata().setNamespace(cluster.namespace());
    String name = booster.getMetadata().getName();
    try (Operator operator = Running.operator(cluster, Running.options(cluster))) {
      Kinds.genericBoosters(cluster.client())
          .inNamespace(cluster.namespace())
          .resource(booster)
          .create();
      if (NEEDS_KTHENA_V1.contains(file)) {
        await(name + " Failed", () -> Running.conditionIs(cluster, name, "Failed", "True"));
        Map<String, Object> failed = Running.condition(cluster, name, "Failed");
        assertEquals("InvalidSpec", failed.get("reason"));
        assertTrue(
            failed.get("message").toString().contains("role autoscaling needs Kthena v1.0"),
            failed.toString());
        return;
      }
      await(name + " Initialized", () -> Running.conditionIs(cluster, name, "Initialized", "True"));
      Running.assertChildrenAreTheTranslation(cluster, name);
    }
  }
}

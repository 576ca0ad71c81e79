package booster.operator;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One running operator and one booster (a golden input, or any) in the test's namespace, with child
 * and booster accessors.
 */
final class Fixture implements AutoCloseable {
  final TestCluster cluster;
  final Operator operator;
  final String name;

  Fixture(TestCluster cluster, OperatorOptions.Builder options, String tag, String file) {
    this(cluster, options, Running.golden(cluster, tag, file, null));
  }

  /** With a booster already placed in the test namespace. */
  Fixture(TestCluster cluster, OperatorOptions.Builder options, ModelBooster booster) {
    this.cluster = cluster;
    this.operator = Running.operator(cluster, options);
    this.name = Running.create(cluster, booster).getMetadata().getName();
    Running.await(
        name + " Initialized", () -> Running.conditionIs(cluster, name, "Initialized", "True"));
  }

  GenericKubernetesResource child(ChildKind kind, String childName) {
    return Kinds.children(cluster.client(), kind)
        .inNamespace(cluster.namespace())
        .withName(childName)
        .get();
  }

  void editChild(ChildKind kind, String childName, UnaryOperator<GenericKubernetesResource> edit) {
    Kinds.children(cluster.client(), kind)
        .inNamespace(cluster.namespace())
        .withName(childName)
        .edit(edit);
  }

  void editBooster(Consumer<ModelBooster> edit) {
    Kinds.boosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName(name)
        .edit(
            b -> {
              edit.accept(b);
              return b;
            });
  }

  Map<String, Object> condition(String type) {
    return Running.condition(cluster, name, type);
  }

  /** Waits until the operator has run at least {@code passes} more reconciles than now. */
  void awaitPasses(int passes, Runnable action) {
    long before = operator.metrics().reconciles();
    action.run();
    Running.await(
        passes + " more reconcile passes",
        () -> operator.metrics().reconciles() >= before + passes);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource object) {
    return (Map<String, Object>) object.getAdditionalProperties().get("spec");
  }

  @Override
  public void close() {
    operator.close();
  }
}

package booster.operator;

import static booster.operator.Running.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.Apply;
import booster.cluster.ChildPlan;
import booster.cluster.Compare;
import booster.cluster.Fence;
import booster.cluster.Kinds;
import booster.cluster.RecentWrites;
import booster.cluster.ReplicaOwnership;
import booster.cluster.StatusWriter;
import booster.cluster.TestCluster;
import booster.cluster.WriteObserver;
import booster.cluster.Writes;
import booster.translate.ChildKind;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's less travelled paths, for every child kind, so that each permission
 * deploy/rbac.yaml grants is seen in use by the RBAC test: a cache that missed a child (create
 * answered 409, read, update), a stale booster under a status write (409, re-read), and stray
 * children of every kind pruned.
 */
@Timeout(60)
class EveryKindTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  /**
   * What the reconciler does when its informer has not seen a child yet that exists and has
   * drifted.
   */
  @Test
  void aChildTheCacheMissedIsReadAndRepairedForEveryKind() {
    KubernetesClient operator = cluster.newClient();
    GenericKubernetesResource booster =
        Running.booster(
            cluster,
            Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null))
                .getMetadata()
                .getName());
    Apply apply = new Apply(operator, new Writes(operator, Fence.OPEN, WriteObserver.NONE));
    List<GenericKubernetesResource> desired =
        Running.desired(cluster, booster.getMetadata().getName());
    ReplicaOwnership replicas = ReplicaOwnership.of(desired);
    Set<ChildKind> kinds = EnumSet.noneOf(ChildKind.class);
    for (GenericKubernetesResource child : desired) {
      assertEquals(ChildPlan.Verdict.CREATE, apply.apply(child, replicas, null, booster).action());
      GenericKubernetesResource drifted =
          Kinds.child(cluster.client(), child)
              .edit(
                  live -> {
                    Map<String, String> labels = new HashMap<>(live.getMetadata().getLabels());
                    labels.replaceAll(
                        (key, value) ->
                            Set.of(Labels.SEED_MANAGED_BY, Labels.MODEL_NAME).contains(key)
                                ? value
                                : value + "-drifted");
                    live.getMetadata().setLabels(labels);
                    return live;
                  });
      assertFalse(Compare.changes(child, drifted).isEmpty(), child.getKind() + " drifted");
      assertEquals(
          ChildPlan.Verdict.UPDATE,
          apply.apply(child, replicas, null, booster).action(),
          child.getKind());
      kinds.add(ChildKind.ofKind(child.getKind()));
    }
    assertEquals(
        EnumSet.allOf(ChildKind.class), kinds, "the golden booster has a child of every kind");
  }

  /**
   * A status write based on an outdated booster is refused (409); the writer re-reads it and writes
   * again.
   */
  @Test
  void aStatusWriteOnAStaleBoosterRereadsIt() {
    String name =
        Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null))
            .getMetadata()
            .getName();
    GenericKubernetesResource stale = Running.booster(cluster, name);
    Kinds.genericBoosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName(name)
        .edit(
            b -> {
              b.getMetadata().setAnnotations(Map.of("example.com/touched", "yes"));
              return b;
            });
    if (cluster.isMock()) {
      // The mock does not check resourceVersions; refuse the stale one as an API server does.
      cluster.rejectWrites(
          "\"resourceVersion\":\"" + stale.getMetadata().getResourceVersion() + "\"",
          new StatusBuilder()
              .withCode(409)
              .withReason("Conflict")
              .withMessage("the object has been modified")
              .build());
    }
    AtomicInteger attempts = new AtomicInteger();
    KubernetesClient client = cluster.newClient();
    StatusWriter writer =
        new StatusWriter(
            client,
            new Writes(client, Fence.OPEN, (kind, verb) -> attempts.incrementAndGet()),
            new RecentWrites());
    assertTrue(writer.write(stale, old -> Map.of("observedGeneration", 1)));
    assertEquals(2, attempts.get(), "refused once, written after re-reading");
    assertEquals(
        Map.of("observedGeneration", 1),
        Running.booster(cluster, name).getAdditionalProperties().get("status"));
  }

  /**
   * Children the booster controls under names it no longer renders (say, from an older naming) are
   * deleted.
   */
  @Test
  void strayChildrenOfEveryKindArePruned() {
    try (Fixture f = new Fixture(cluster, Running.options(cluster), "v0.4.0", "model.yaml")) {
      List<GenericKubernetesResource> desired = Running.desired(cluster, f.name);
      for (GenericKubernetesResource child : desired) {
        GenericKubernetesResource live = Kinds.child(cluster.client(), child).get();
        live.setMetadata(
            new ObjectMetaBuilder(live.getMetadata())
                .withName(child.getMetadata().getName() + "-old")
                .withResourceVersion(null)
                .withUid(null)
                .withCreationTimestamp(null)
                .build());
        Kinds.child(cluster.client(), live).create();
      }
      await(
          "every stray child pruned",
          () ->
              desired.stream()
                  .allMatch(
                      d ->
                          Kinds.children(cluster.client(), ChildKind.ofKind(d.getKind()))
                                  .inNamespace(cluster.namespace())
                                  .withName(d.getMetadata().getName() + "-old")
                                  .get()
                              == null));
      Running.assertChildrenAreTheTranslation(cluster, f.name);
    }
  }
}

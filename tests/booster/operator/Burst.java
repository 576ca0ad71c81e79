package booster.operator;

import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded burst of boosters (every golden input, under new names) created, changed and deleted in
 * the test's namespace, and the check that the operator converged on every booster still there:
 * Initialized, its generation observed, its children exactly its translation. Children of deleted
 * boosters are the garbage collector's (the mock has none) and are not checked.
 */
final class Burst {
  private static final List<String[]> SOURCES =
      List.of(
          new String[] {"v0.4.0", "model.yaml"},
          new String[] {"v0.4.0", "pd-disaggregated-model-mooncake.yaml"},
          new String[] {"v0.4.0", "pd-disaggregated-model-npu.yaml"},
          new String[] {"v0.1.0", "model.yaml"},
          new String[] {"v0.1.0", "multi-backends-model.yaml"},
          new String[] {"v0.1.0", "multi-lora-model.yaml"},
          new String[] {"v0.1.0", "pd-disaggregated-model.yaml"});

  private final TestCluster cluster;
  private final Random random;
  private final TreeSet<String> live = new TreeSet<>();
  private int created;
  private int changed;
  private int deleted;

  Burst(TestCluster cluster, long seed) {
    this.cluster = cluster;
    this.random = new Random(seed);
  }

  /** One seeded step: mostly creates, then changes and deletes of boosters that exist. */
  void step() {
    int roll = random.nextInt(100);
    if (live.isEmpty() || roll < 55) {
      create();
    } else if (roll < 85) {
      change(pick());
    } else {
      delete(pick());
    }
  }

  /** {@code steps} steps, {@code pause} apart. */
  void run(int steps, Duration pause) {
    for (int i = 0; i < steps; i++) {
      step();
      Running.sleep(pause.toMillis());
    }
  }

  void create() {
    String[] source = SOURCES.get(created % SOURCES.size());
    String name = "b" + created;
    try {
      Running.create(cluster, Running.golden(cluster, source[0], source[1], name));
    } catch (KubernetesClientException e) {
      // the test's own client retried a create whose answer it missed under load: the booster is
      // there
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT
          || Running.booster(cluster, name) == null) {
        throw e;
      }
    }
    live.add(name);
    created++;
  }

  /** A new engine flag on the first worker: every ModelServing of the booster changes. */
  void change(String name) {
    int value = 1 + random.nextInt(512);
    for (int attempt = 1; ; attempt++) {
      try {
        Kinds.boosters(cluster.client())
            .inNamespace(cluster.namespace())
            .withName(name)
            .edit(
                b -> {
                  var worker = b.getSpec().allBackends().get(0).getWorkers().get(0);
                  if (worker.getConfig() == null) {
                    worker.setConfig(
                        tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
                  }
                  ((ObjectNode) worker.getConfig()).put("max-num-seqs", value);
                  return b;
                });
        break;
      } catch (KubernetesClientException e) {
        // the operator wrote the status in between: read it again, as kubectl edit would
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 5) {
          throw e;
        }
      }
    }
    changed++;
  }

  void delete(String name) {
    Kinds.boosters(cluster.client()).inNamespace(cluster.namespace()).withName(name).delete();
    live.remove(name);
    deleted++;
  }

  private String pick() {
    List<String> names = new ArrayList<>(live);
    return names.get(random.nextInt(names.size()));
  }

  /**
   * Every booster still there is Initialized and not Failed, with its generation observed and its
   * children its translation (a pass that failed under faults also records the generation it saw,
   * with Failed=True, and is retried).
   */
  void awaitConverged(Duration timeout) {
    for (String name : live) {
      String[] problem = {null};
      try {
        Running.await(name + " converged", timeout, () -> (problem[0] = problem(name)) == null);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + ": " + problem[0], e);
      }
    }
  }

  /** What keeps the booster from having converged, or null. */
  private String problem(String name) {
    GenericKubernetesResource booster = Running.booster(cluster, name);
    if (booster == null) {
      return "gone";
    }
    Object status = booster.getAdditionalProperties().get("status");
    Object observed = status instanceof Map<?, ?> m ? m.get("observedGeneration") : null;
    if (!Running.conditionIs(cluster, name, "Initialized", "True")
        || Running.conditionIs(cluster, name, "Failed", "True")
        || !(observed instanceof Number n
            && n.longValue() == booster.getMetadata().getGeneration())) {
      return "status " + status + " at generation " + booster.getMetadata().getGeneration();
    }
    try {
      Running.assertChildrenAreTheTranslation(cluster, name);
      return null;
    } catch (AssertionError e) {
      return e.getMessage();
    }
  }

  /** The boosters there now. */
  List<String> live() {
    return List.copyOf(live);
  }

  /** The figures a closing note quotes. */
  String figures() {
    return created
        + " boosters created, "
        + changed
        + " changes, "
        + deleted
        + " deleted, "
        + live.size()
        + " left";
  }
}

package booster.operator;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.Labels;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a timed test (tagged benchmark, excluded by the pom): prints figures. Run it as a program:
 * {@code mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test} then {@code java -cp target/test-classes:target/classes:$(cat
 * target/cp.txt) booster.operator.OperatorBenchmark} (system properties {@code bench.boosters},
 * default 300, {@code bench.rounds}, default 3, and {@code bench.samples}, default 50). Baseline
 * and operator alternate in rounds, so machine noise hits both. Throughput: the operator bringing N
 * new boosters (5 children each) to Initialized, divided by a plain client writing the same
 * boosters, children and one status update each with as many threads as the operator has workers
 * (goal <= 1.5). Latency: booster creation to its last child, one booster at a time (goal median <
 * 200 ms).
 */
@Tag("benchmark")
class OperatorBenchmark {
  @RegisterExtension static final TestCluster cluster = new TestCluster();
  private static final int BOOSTERS = Integer.getInteger("bench.boosters", 300);
  private static final int SAMPLES = Integer.getInteger("bench.samples", 50);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final int WORKERS = 2;

  private static ModelBooster booster(String namespace, String name) {
    ModelBooster b = Running.golden(cluster, "v0.4.0", "model.yaml", name);
    b.getMetadata().setNamespace(namespace);
    return b;
  }

  private static String namespace(String name) {
    cluster
        .client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  public static void main(String[] args) throws Exception {
    cluster.beforeAll(null);
    cluster.beforeEach(null);
    try {
      new OperatorBenchmark().throughputAndLatency();
    } finally {
      cluster.afterEach(null);
      cluster.afterAll(null);
    }
    System.exit(0);
  }

  @Test
  void throughputAndLatency() throws Exception {
    // Per-reconcile lines at INFO would measure surefire's console capture, not the operator.
    java.util.logging.Logger.getLogger("booster").setLevel(java.util.logging.Level.WARNING);
    warmUp();
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      double baseline = writePlain(namespace("bench-baseline-" + round), BOOSTERS);
      clean("bench-baseline-" + round);
      double operator = runOperator(namespace("bench-operator-" + round), BOOSTERS);
      clean("bench-operator-" + round);
      ratios.add(operator / baseline);
      System.out.printf(
          "BENCHMARK round %d: boosters=%d baseline=%.2fs operator=%.2fs ratio=%.2f%n",
          round, BOOSTERS, baseline, operator, operator / baseline);
    }
    Collections.sort(ratios);
    System.out.printf(
        "BENCHMARK throughput ratio operator/plain-client, median of %d rounds: %.2f (goal <= 1.5)%n",
        ROUNDS, ratios.get(ratios.size() / 2));
    List<Long> latencies = latencies(namespace("bench-latency"));
    Collections.sort(latencies);
    long median = latencies.get(latencies.size() / 2);
    long p99 =
        latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1));
    System.out.printf(
        "BENCHMARK single-booster creation-to-last-child latency: samples=%d median=%dms p99=%dms"
            + " (goal median < 200 ms)%n",
        latencies.size(), median, p99);
  }

  /** A few boosters through both paths first, so neither side pays the JIT warm-up alone. */
  private void warmUp() throws Exception {
    writePlain(namespace("bench-warm-plain"), 20);
    clean("bench-warm-plain");
    runOperator(namespace("bench-warm-op"), 20);
    clean("bench-warm-op");
  }

  /**
   * Empties a namespace (untimed): the mock's lookups slow down as its store grows, so every run
   * starts equal.
   */
  private static void clean(String ns) {
    for (ChildKind kind : ChildKind.values()) {
      Kinds.children(cluster.client(), kind).inNamespace(ns).delete();
    }
    Kinds.genericBoosters(cluster.client()).inNamespace(ns).delete();
    cluster.client().v1().events().inNamespace(ns).delete();
  }

  /**
   * Creates n boosters, then their children and one status update each, as a plain client would.
   */
  private double writePlain(String ns, int n) throws Exception {
    KubernetesClient client = cluster.client();
    Translator translator = new Translator(TranslatorConfig.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      done.add(
          pool.submit(
              () -> {
                for (int i = worker; i < n; i += WORKERS) {
                  ModelBooster created =
                      Kinds.boosters(client)
                          .inNamespace(ns)
                          .resource(booster(ns, "b" + i))
                          .create();
                  for (GenericKubernetesResource child : translator.translate(created)) {
                    Kinds.children(client, ChildKind.ofKind(child.getKind()))
                        .inNamespace(ns)
                        .resource(child)
                        .create();
                  }
                  GenericKubernetesResource generic =
                      Kinds.genericBoosters(client).inNamespace(ns).withName("b" + i).get();
                  generic
                      .getAdditionalProperties()
                      .put(
                          "status",
                          Map.of(
                              "observedGeneration",
                              1,
                              "conditions",
                              List.of(
                                  Map.of(
                                      "type",
                                      "Initialized",
                                      "status",
                                      "True",
                                      "reason",
                                      "ModelCreating"))));
                  Kinds.genericBoosters(client).inNamespace(ns).resource(generic).updateStatus();
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Starts an operator on the namespace, creates n boosters, waits until every one is Initialized.
   */
  private double runOperator(String ns, int n) throws Exception {
    OperatorOptions options =
        OperatorOptions.builder()
            .namespaces(List.of(ns))
            .workers(WORKERS)
            .leaderElect(false)
            .resync(Duration.ZERO)
            .healthPort(-1)
            .translator(TranslatorConfig.defaults())
            .build();
    try (Operator operator = new Operator(cluster.newClient(), options).start()) {
      Running.await("caches synced", Duration.ofSeconds(30), operator::ready);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Kinds.boosters(cluster.client()).inNamespace(ns).resource(booster(ns, "b" + i)).create();
      }
      Running.await(n + " boosters Initialized", Duration.ofMinutes(5), () -> initialized(ns) == n);
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static long initialized(String ns) {
    return Kinds.genericBoosters(cluster.client()).inNamespace(ns).list().getItems().stream()
        .filter(
            b ->
                b.getAdditionalProperties().get("status") instanceof Map<?, ?> s
                    && booster.cluster.Conditions.find(s.get("conditions"), "Initialized") != null
                    && "True"
                        .equals(
                            booster.cluster.Conditions.find(s.get("conditions"), "Initialized")
                                .get("status")))
        .count();
  }

  /**
   * Creation of one booster to the arrival of its last child, measured by a watch on the five
   * kinds.
   */
  private List<Long> latencies(String ns) throws Exception {
    Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    for (ChildKind kind : ChildKind.values()) {
      informers.add(
          Kinds.children(cluster.client(), kind)
              .inNamespace(ns)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource child) {
                      arrivals
                          .computeIfAbsent(
                              child.getMetadata().getLabels().get(Labels.MODEL_NAME),
                              k -> Collections.synchronizedList(new ArrayList<>()))
                          .add(System.nanoTime());
                    }

                    @Override
                    public void onUpdate(
                        GenericKubernetesResource a, GenericKubernetesResource b) {}

                    @Override
                    public void onDelete(GenericKubernetesResource child, boolean unknown) {}
                  }));
    }
    OperatorOptions options =
        OperatorOptions.builder()
            .namespaces(List.of(ns))
            .workers(WORKERS)
            .leaderElect(false)
            .resync(Duration.ZERO)
            .healthPort(-1)
            .translator(TranslatorConfig.defaults())
            .build();
    List<Long> out = new ArrayList<>();
    try (Operator operator = new Operator(cluster.newClient(), options).start()) {
      Running.await("caches synced", Duration.ofSeconds(30), operator::ready);
      for (int i = 0; i < SAMPLES; i++) {
        String name = "l" + i;
        long start = System.nanoTime();
        Kinds.boosters(cluster.client()).inNamespace(ns).resource(booster(ns, name)).create();
        Running.await(
            name + " children",
            Duration.ofSeconds(30),
            () -> arrivals.getOrDefault(name, List.of()).size() >= 5);
        out.add((Collections.max(arrivals.get(name)) - start) / 1_000_000);
        Running.await(
            name + " Initialized", Duration.ofSeconds(30), () -> initialized(ns) == out.size());
      }
    } finally {
      informers.forEach(SharedIndexInformer::stop);
    }
    return out;
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.api.ModelBooster;
import booster.cli.KrewInstall.Run;
import booster.cluster.Kinds;
import booster.translate.Golden;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm start of the installed plugin (krew layout, launcher with CDS): {@code kubectl booster status NAME} against
 * the mock API server, median of 10 runs, divided by the median of {@code kubectl get modelbooster NAME -o yaml}
 * against the same server in the same run. Goal: at most 2.5. Prints its figures; asserts only that both commands
 * work. The pom keeps benchmarks out of the test suite, so run it as a program, from the project root:
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) booster.cli.PluginStartBenchmark
 * </pre>
 */
@Tag("benchmark")
class PluginStartBenchmark {
  private static final int RUNS = 10;

  @TempDir
  Path work;

  public static void main(String[] args) throws Exception {
    PluginStartBenchmark benchmark = new PluginStartBenchmark();
    benchmark.work = Files.createTempDirectory("booster-benchmark");
    benchmark.statusAgainstKubectlGet();
  }

  @Test
  void statusAgainstKubectlGet() throws Exception {
    KrewInstall krew = new KrewInstall(work);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      discovery(server);
      ModelBooster booster = Golden.input("v0.4.0", "model.yaml");
      booster.getMetadata().setNamespace("default");
      Kinds.boosters(client).resource(booster).create();
      Path kubeconfig = work.resolve("kubeconfig");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
          users: [{name: u, user: {token: t}}]
          contexts: [{name: mock, context: {cluster: mock, user: u, namespace: default}}]
          current-context: mock
          """.formatted(client.getConfiguration().getMasterUrl()));
      String name = booster.getMetadata().getName();
      String[] plugin = {"booster", "status", name, "--kubeconfig", kubeconfig.toString()};
      String[] get = {"get", "modelbooster", name, "-o", "yaml", "--kubeconfig", kubeconfig.toString(),
          "--cache-dir", work.resolve("kube-cache").toString()};
      // Warm-up: creates the CDS archive and kubectl's discovery cache, and checks both commands work.
      for (int i = 0; i < 2; i++) {
        Run p = krew.kubectl(plugin);
        assertEquals(0, p.exit(), p.err());
        Run g = krew.kubectl(get);
        assertEquals(0, g.exit(), g.err());
      }
      List<Long> pluginTimes = new ArrayList<>();
      List<Long> getTimes = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        pluginTimes.add(timed(krew, plugin));
        getTimes.add(timed(krew, get));
      }
      double pluginMedian = median(pluginTimes);
      double getMedian = median(getTimes);
      System.out.printf("kubectl booster status (installed, CDS): median %.0f ms over %d runs %s%n",
          pluginMedian, RUNS, pluginTimes);
      System.out.printf("kubectl get modelbooster -o yaml:        median %.0f ms over %d runs %s%n",
          getMedian, RUNS, getTimes);
      System.out.printf("ratio: %.2f (goal <= 2.5)%n", pluginMedian / getMedian);
    } finally {
      server.destroy();
    }
  }

  private static long timed(KrewInstall krew, String... args) throws Exception {
    long start = System.nanoTime();
    Run r = krew.kubectl(args);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, r.exit(), r.err());
    return millis;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** What kubectl asks before a get (test-server.md), each also with {@code ?timeout=32s}. */
  private static void discovery(KubernetesMockServer server) {
    Map<String, Object> documents = Map.of(
        "/api", new APIVersionsBuilder().withVersions("v1").build(),
        "/apis", new APIGroupListBuilder().addNewGroup().withName(ModelBooster.GROUP)
            .addNewVersion().withGroupVersion(ModelBooster.API_VERSION).withVersion(ModelBooster.VERSION)
            .endVersion().withNewPreferredVersion().withGroupVersion(ModelBooster.API_VERSION)
            .withVersion(ModelBooster.VERSION).endPreferredVersion().endGroup().build(),
        "/api/v1", new APIResourceListBuilder().withGroupVersion("v1").build(),
        "/apis/" + ModelBooster.API_VERSION, new APIResourceListBuilder().withGroupVersion(ModelBooster.API_VERSION)
            .addNewResource().withName("modelboosters").withSingularName("modelbooster").withNamespaced(true)
            .withKind(ModelBooster.KIND).withShortNames("mb")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endResource().build());
    documents.forEach((path, body) -> {
      server.expect().get().withPath(path).andReturn(200, body).always();
      server.expect().get().withPath(path + "?timeout=32s").andReturn(200, body).always();
    });
  }
}

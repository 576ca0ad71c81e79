package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.api.ModelBooster;
import booster.cli.KrewInstall.Run;
import booster.cluster.Kinds;
import booster.translate.ChildKind;
import booster.translate.Golden;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up of the installed plugin (krew layout, through the real kubectl) for each command on each
 * runtime: the JVM archive on Java 17 and on Java 25 (with the start-up cache the launcher trains
 * on its first run), and the native binary when release/build-native.sh has built one
 * (dist/native/). Each is divided by the median of {@code kubectl get modelbooster NAME -o yaml}
 * against the same mock API server in the same run; rounds interleave every command, so load on a
 * shared machine hits all of them alike. Prints the table, the goals, the load average and the
 * archive sizes; asserts only that every command works. Not part of the test suite; run as a
 * program from the project root:
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) booster.cli.PluginStartBenchmark [ROUNDS]
 * </pre>
 */
@Tag("benchmark")
class PluginStartBenchmark {
  private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  private static final Path NATIVE =
      Path.of("dist/native/" + NativeDifferentialTest.platform() + "/kubectl-booster");
  private static final int WARM_UP_ROUNDS = 2;
  private static final String COMPLETION_ON_THE_JVM = "completion bash (JVM run)";

  @TempDir Path work;
  int rounds = 10;

  public static void main(String[] args) throws Exception {
    PluginStartBenchmark benchmark = new PluginStartBenchmark();
    benchmark.work = Files.createTempDirectory("booster-benchmark");
    if (args.length > 0) {
      benchmark.rounds = Integer.parseInt(args[0]);
    }
    benchmark.everyCommandOnEveryRuntimeAgainstKubectlGet();
  }

  /**
   * How the plugin is started: JAVA_HOME (null: java on PATH), or the native binary's directory on
   * PATH.
   */
  private record Runtime(String name, Path javaHome, Path binDir) {}

  @Test
  void everyCommandOnEveryRuntimeAgainstKubectlGet() throws Exception {
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    KrewInstall krew = new KrewInstall(work);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      discovery(server);
      ModelBooster booster = Golden.input("v0.4.0", "model.yaml");
      booster.getMetadata().setNamespace("default");
      booster = Kinds.boosters(client).resource(booster).create();
      for (GenericKubernetesResource child :
          new Translator(TranslatorConfig.defaults()).translate(booster)) {
        Kinds.children(client, ChildKind.ofKind(child.getKind()))
            .inNamespace("default")
            .resource(child)
            .create();
      }
      Path kubeconfig = work.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
          users: [{name: u, user: {token: t}}]
          contexts: [{name: mock, context: {cluster: mock, user: u, namespace: default}}]
          current-context: mock
          """
              .formatted(client.getConfiguration().getMasterUrl()));
      String name = booster.getMetadata().getName();
      String example = Path.of("examples/prefill-decode.yaml").toAbsolutePath().toString();
      Map<String, String[]> commands = new LinkedHashMap<>();
      commands.put(
          "status NAME",
          new String[] {"booster", "status", name, "--kubeconfig", kubeconfig.toString()});
      commands.put(
          "tree NAME",
          new String[] {"booster", "tree", name, "--kubeconfig", kubeconfig.toString()});
      commands.put(
          "diff NAME",
          new String[] {"booster", "diff", name, "--kubeconfig", kubeconfig.toString()});
      commands.put(
          "create --dry-run=client",
          new String[] {"booster", "create", "-f", example, "--dry-run=client", "-o", "yaml"});
      commands.put("--version", new String[] {"booster", "--version"});
      commands.put("completion bash", new String[] {"booster", "completion", "bash"});
      String[] get = {
        "get",
        "modelbooster",
        name,
        "-o",
        "yaml",
        "--kubeconfig",
        kubeconfig.toString(),
        "--cache-dir",
        work.resolve("kube-cache").toString()
      };

      List<Runtime> runtimes =
          new ArrayList<>(
              List.of(new Runtime("JVM 17", null, null), new Runtime("JVM 25", JAVA_25, null)));
      if (Files.isExecutable(NATIVE)) {
        Path bin = Files.createDirectories(work.resolve("native-bin"));
        Files.createSymbolicLink(bin.resolve("kubectl-booster"), NATIVE.toAbsolutePath());
        runtimes.add(new Runtime("native", null, bin));
      }
      Map<String, List<Long>> times = new LinkedHashMap<>();
      for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
        boolean counted = round >= WARM_UP_ROUNDS;
        record(times, "kubectl get -o yaml", counted, timed(krew, null, null, get));
        for (Map.Entry<String, String[]> command : commands.entrySet()) {
          for (Runtime runtime : runtimes) {
            // diff exits 1 when it finds differences; the others 0.
            long millis =
                timed(
                    krew,
                    runtime,
                    command.getKey().startsWith("diff") ? null : 0,
                    command.getValue());
            record(times, command.getKey() + "|" + runtime.name(), counted, millis);
          }
        }
        for (Runtime runtime : runtimes) {
          record(
              times,
              COMPLETION_ON_THE_JVM + "|" + runtime.name(),
              counted,
              completionOnTheJvm(krew, runtime));
        }
      }
      List<String> rows = new ArrayList<>(commands.keySet());
      rows.add(COMPLETION_ON_THE_JVM);
      report(times, rows, runtimes, krew, load);
    } finally {
      server.destroy();
    }
  }

  /**
   * The launcher answers {@code completion bash} from the script it saved; this row is the plugin
   * itself computing it, started as the launcher starts it (same flags, same cache), to show what
   * the saved script spares.
   */
  private static long completionOnTheJvm(KrewInstall krew, Runtime runtime) throws Exception {
    if (runtime.binDir() != null) {
      return timed(krew, runtime, 0, "booster", "completion", "bash");
    }
    String suffix = runtime.javaHome() == null ? ".jsa" : ".aot";
    Path cache;
    try (var files = Files.list(krew.cache())) {
      cache = files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
    }
    Path java =
        runtime.javaHome() == null ? Path.of("java") : runtime.javaHome().resolve("bin/java");
    List<String> command =
        List.of(
            java.toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            (suffix.equals(".aot") ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache,
            "-Xlog:disable",
            "-cp",
            krew.store.resolve("kubectl-booster.jar").toString(),
            "KubectlBooster",
            "completion",
            "bash");
    long start = System.nanoTime();
    Run r = KrewInstall.exec(krew.work, command, Map.of());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, r.exit(), r.err());
    return millis;
  }

  private static void record(
      Map<String, List<Long>> times, String key, boolean counted, long millis) {
    if (counted) {
      times.computeIfAbsent(key, k -> new ArrayList<>()).add(millis);
    }
  }

  private void report(
      Map<String, List<Long>> times,
      Iterable<String> commands,
      List<Runtime> runtimes,
      KrewInstall krew,
      String loadBefore)
      throws Exception {
    double get = median(times.get("kubectl get -o yaml"));
    System.out.printf(
        "%nPlugin start-up, medians of %d interleaved rounds (after %d warm-up rounds), ms; in "
            + "brackets: / the kubectl median%n",
        rounds, WARM_UP_ROUNDS);
    System.out.printf(
        "kubectl get modelbooster NAME -o yaml: %.0f ms %s%n%n",
        get, times.get("kubectl get -o yaml"));
    StringBuilder header = new StringBuilder(String.format("%-27s", "command"));
    runtimes.forEach(r -> header.append(String.format("%-20s", r.name())));
    System.out.println(header);
    for (String command : commands) {
      StringBuilder row = new StringBuilder(String.format("%-27s", command));
      for (Runtime runtime : runtimes) {
        double median = median(times.get(command + "|" + runtime.name()));
        row.append(String.format("%-20s", String.format("%.0f (%.1f)", median, median / get)));
      }
      System.out.println(row);
    }
    System.out.println();
    for (Runtime runtime : runtimes) {
      System.out.printf(
          "%s status NAME: %s%n", runtime.name(), times.get("status NAME|" + runtime.name()));
    }
    System.out.printf(
        "%nGoals: status / kubectl get <= 9 on Java 17: %.1f; <= 6 on Java 25: %.1f",
        median(times.get("status NAME|JVM 17")) / get,
        median(times.get("status NAME|JVM 25")) / get);
    if (times.containsKey("status NAME|native")) {
      System.out.printf("; <= 2 native: %.1f", median(times.get("status NAME|native")) / get);
    }
    System.out.printf(
        "; completion bash <= 150 ms on Java 25: %.0f ms (the JVM computing it: %.0f ms)%n",
        median(times.get("completion bash|JVM 25")),
        median(times.get(COMPLETION_ON_THE_JVM + "|JVM 25")));
    System.out.printf(
        "Load average before: %s; after: %s%n",
        loadBefore, Files.readString(Path.of("/proc/loadavg")).strip());
    System.out.printf(
        "JVM archive %s: %.1f MB", krew.archive.getFileName(), Files.size(krew.archive) / 1e6);
    Path nativeArchive =
        Path.of(
            "dist",
            "kubectl-booster-v"
                + BoosterCommand.VERSION
                + "-"
                + NativeDifferentialTest.platform()
                + ".tar.gz");
    if (Files.isRegularFile(nativeArchive)) {
      System.out.printf(
          "; native archive %s: %.1f MB (binary %.1f MB)",
          nativeArchive.getFileName(), Files.size(nativeArchive) / 1e6, Files.size(NATIVE) / 1e6);
    }
    System.out.println();
  }

  /**
   * @param exit the expected exit code, or null for any
   */
  private static long timed(KrewInstall krew, Runtime runtime, Integer exit, String... args)
      throws Exception {
    long start = System.nanoTime();
    Run r =
        runtime == null
            ? krew.kubectl(args)
            : runtime.binDir() != null
                ? krew.kubectlWith(runtime.binDir(), args)
                : krew.kubectl(runtime.javaHome(), args);
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (exit != null) {
      assertEquals((int) exit, r.exit(), r.err());
    }
    return millis;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /**
   * The discovery documents kubectl asks for before a get, each also with {@code ?timeout=32s}; the
   * mock serves them only when told to (docs/design.md §8.2).
   */
  private static void discovery(KubernetesMockServer server) {
    Map<String, Object> documents =
        Map.of(
            "/api",
            new APIVersionsBuilder().withVersions("v1").build(),
            "/apis",
            new APIGroupListBuilder()
                .addNewGroup()
                .withName(ModelBooster.GROUP)
                .addNewVersion()
                .withGroupVersion(ModelBooster.API_VERSION)
                .withVersion(ModelBooster.VERSION)
                .endVersion()
                .withNewPreferredVersion()
                .withGroupVersion(ModelBooster.API_VERSION)
                .withVersion(ModelBooster.VERSION)
                .endPreferredVersion()
                .endGroup()
                .build(),
            "/api/v1",
            new APIResourceListBuilder().withGroupVersion("v1").build(),
            "/apis/" + ModelBooster.API_VERSION,
            new APIResourceListBuilder()
                .withGroupVersion(ModelBooster.API_VERSION)
                .addNewResource()
                .withName("modelboosters")
                .withSingularName("modelbooster")
                .withNamespaced(true)
                .withKind(ModelBooster.KIND)
                .withShortNames("mb")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                .endResource()
                .build());
    documents.forEach(
        (path, body) -> {
          server.expect().get().withPath(path).andReturn(200, body).always();
          server.expect().get().withPath(path + "?timeout=32s").andReturn(200, body).always();
        });
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cli.KrewInstall.Run;
import booster.cluster.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the release archive once, installs it the way krew does (the manifest's files and bin for
 * linux/amd64), and runs the plugin through the real kubectl binary, which finds it on PATH. The
 * build directory starts with two stand-in native archives, one verified on these sources
 * (darwin/arm64) and one not (linux/arm64), to check which platforms the written manifest gives to
 * which archive.
 */
class KrewInstallTest {
  static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @RegisterExtension static final TestCluster cluster = new TestCluster();

  @TempDir static Path work;
  static KrewInstall krew;
  static String trackedManifest;

  @BeforeAll
  static void buildAndInstall() throws Exception {
    trackedManifest = Files.readString(Path.of("krew-manifest.yaml"));
    Path dist = Files.createDirectories(work.resolve("dist"));
    String digest =
        KrewInstall.exec(
                work,
                List.of("bash", "-c", "root=$PWD; source release/lib.sh; source_digest"),
                Map.of())
            .out()
            .strip();
    Path verified = nativeArchive(dist, "darwin-arm64");
    Files.writeString(
        Path.of(verified + ".verified"), "sha256 " + sha256(verified) + " source " + digest);
    Path stale = nativeArchive(dist, "linux-arm64");
    Files.writeString(
        Path.of(stale + ".verified"), "sha256 " + sha256(stale) + " source other-sources");
    krew = new KrewInstall(work);
  }

  /** A stand-in native archive laid out as release/build-native.sh packs one. */
  private static Path nativeArchive(Path dist, String platform) throws Exception {
    Path content = Files.createDirectories(work.resolve("native-" + platform));
    for (String file :
        List.of("kubectl-booster", "kubectl_complete-booster", "libjvm.so", "LICENSE")) {
      Files.writeString(content.resolve(file), "stand-in");
    }
    Path archive =
        dist.resolve("kubectl-booster-v" + BoosterCommand.VERSION + "-" + platform + ".tar.gz");
    assertEquals(
        0,
        KrewInstall.exec(
                work,
                List.of(
                    "tar",
                    "-czf",
                    archive.toString(),
                    "-C",
                    content.toString(),
                    "kubectl-booster",
                    "kubectl_complete-booster",
                    "libjvm.so",
                    "LICENSE"),
                Map.of())
            .exit());
    return archive;
  }

  private static Run kubectl(String... args) throws Exception {
    return krew.kubectl(args);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void manifestListsWhatWasBuiltOnePlatformEach() throws Exception {
    assertEquals("krew.googlecontainertools.github.com/v1alpha2", krew.manifest.get("apiVersion"));
    assertEquals("Plugin", krew.manifest.get("kind"));
    assertEquals("booster", ((Map<String, Object>) krew.manifest.get("metadata")).get("name"));
    assertEquals("v" + BoosterCommand.VERSION, krew.spec().get("version"));
    assertTrue(((String) krew.spec().get("caveats")).contains("Java 17"));
    for (String field : List.of("homepage", "shortDescription", "description")) {
      assertFalse(((String) krew.spec().get(field)).isBlank(), field);
    }
    for (String os : List.of("linux", "darwin")) {
      for (String arch : List.of("amd64", "arm64")) {
        List<Map<String, Object>> matching = krew.platforms(os, arch);
        assertEquals(1, matching.size(), "exactly one platform for " + os + "/" + arch);
        Map<String, Object> p = matching.get(0);
        Path archive =
            os.equals("darwin") && arch.equals("arm64")
                ? krew.dist.resolve(
                    "kubectl-booster-v" + BoosterCommand.VERSION + "-darwin-arm64.tar.gz")
                : krew.archive;
        assertTrue(
            ((String) p.get("uri")).endsWith("/" + archive.getFileName()),
            os + "/" + arch + ": " + p.get("uri"));
        assertEquals(sha256(archive), p.get("sha256"), os + "/" + arch);
        assertEquals("kubectl-booster", p.get("bin"));
        List<Object> files =
            ((List<Map<String, Object>>) p.get("files")).stream().map(f -> f.get("from")).toList();
        assertEquals(
            archive == krew.archive
                ? List.of(
                    "kubectl-booster",
                    "kubectl_complete-booster",
                    "kubectl-booster.jar",
                    "lib/*",
                    "LICENSE")
                : List.of("LICENSE", "kubectl-booster", "kubectl_complete-booster", "*.so"),
            files,
            os + "/" + arch);
      }
    }
    assertEquals(List.of(), krew.platforms("windows", "amd64"), "no Windows launcher is shipped");
    assertEquals(List.of(), krew.platforms("linux", "386"));
    assertEquals(
        trackedManifest,
        Files.readString(Path.of("krew-manifest.yaml")),
        "the tracked template is untouched");
  }

  @Test
  void theArchiveCarriesNoVertxOrNettyAndItsClassPathResolves() throws Exception {
    try (Stream<Path> jars = Files.list(krew.store.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      assertEquals(
          List.of(),
          names.stream()
              .filter(n -> n.matches("(vertx|netty|kubernetes-httpclient-vertx).*"))
              .toList());
      try (JarFile jar = new JarFile(krew.store.resolve("kubectl-booster.jar").toFile())) {
        List<String> classPath =
            List.of(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "));
        assertEquals(
            names.stream().map(n -> "lib/" + n).sorted().toList(),
            classPath.stream().sorted().toList());
        assertEquals(
            "KubectlBooster", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      }
    }
  }

  @Test
  void helpVersionAndCompletionLoadNeitherJacksonNorFabric8() throws Exception {
    for (List<String> args :
        List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("completion", "bash"),
            List.of("status", "--help"),
            List.of("create", "--help"))) {
      Path log = work.resolve("class-load.txt");
      List<String> command =
          new java.util.ArrayList<>(
              List.of(
                  "java",
                  "-Xshare:off",
                  "-Xlog:class+load=info:file=" + log,
                  "-cp",
                  krew.store.resolve("kubectl-booster.jar").toString(),
                  "KubectlBooster"));
      command.addAll(args);
      Run run = KrewInstall.exec(work, command, Map.of());
      assertEquals(0, run.exit(), run.err());
      List<String> loaded =
          Files.readAllLines(log).stream()
              .filter(
                  l ->
                      l.contains(" io.fabric8.")
                          || l.contains(" tools.jackson.")
                          || l.contains(" com.fasterxml."))
              .toList();
      assertEquals(List.of(), loaded, args.toString());
    }
  }

  /**
   * A class that the native image needs and its committed metadata lacks fails here, not in a
   * native build.
   */
  @Test
  void nativeImageMetadataCoversWhatTheCommandsLoad() throws Exception {
    Set<String> missing =
        new TreeSet<>(
            ReachabilityMetadata.classes(
                krew.store.resolve("kubectl-booster.jar"), CliCases.representative()));
    missing.removeAll(ReachabilityMetadata.committed());
    assertEquals(
        Set.of(),
        missing,
        "missing from " + ReachabilityMetadata.DIR + ": run release/native-metadata.sh");
  }

  @Test
  void kubectlDispatchesHelpAndAnOfflineRender() throws Exception {
    Run help = kubectl("booster", "--help");
    assertEquals(0, help.exit(), help.err());
    assertTrue(help.out().startsWith("Usage: kubectl booster"), help.out());
    for (String sub : List.of("create", "diff", "status", "tree", "completion")) {
      assertTrue(help.out().contains("  " + sub), "help lists " + sub + ": " + help.out());
    }
    Run render =
        kubectl(
            "booster",
            "create",
            "-f",
            Path.of("examples/single-gpu.yaml").toAbsolutePath().toString(),
            "--dry-run=client");
    assertEquals(0, render.exit(), render.err());
    assertEquals("rendered for Kthena v1.0 (--kthena-version=auto, offline)\n", render.err());
    assertTrue(render.out().contains("\nkind: ModelServing\n"), render.out());
    Run again = kubectl("booster", "--version");
    assertEquals("kubectl-booster " + BoosterCommand.VERSION + "\n", again.out());
  }

  /**
   * The first run trains a cache on every command (a --help first run still caches status's
   * classes), the cache is per JVM (an AOT cache on Java 25), and a reinstalled jar replaces it.
   */
  @Test
  void theStartupCacheServesEveryCommandPerJvmAndFollowsTheJar() throws Exception {
    kubectl("booster", "--help");
    Path jsa = onlyCache(".jsa");
    Path log = work.resolve("cached.txt");
    Run status =
        KrewInstall.exec(
            work,
            List.of(
                "java",
                "-XX:SharedArchiveFile=" + jsa,
                "-Xshare:on",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                krew.store.resolve("kubectl-booster.jar").toString(),
                "KubectlBooster",
                "status",
                "--help"),
            Map.of());
    assertEquals(0, status.exit(), status.err());
    assertTrue(
        Files.readAllLines(log).stream()
            .anyMatch(l -> l.contains(" booster.cli.StatusCommand source: shared")),
        "the cache holds status's classes though the first run was --help");

    if (Files.isDirectory(JAVA_25)) {
      Run onJava25 = krew.kubectl(JAVA_25, "booster", "--version");
      assertEquals(
          "kubectl-booster " + BoosterCommand.VERSION + "\n", onJava25.out(), onJava25.err());
      onlyCache(".aot");
      onlyCache(".jsa");
    }

    // Two seconds newer: shells compare whole seconds.
    FileTime before = Files.getLastModifiedTime(jsa);
    Files.setLastModifiedTime(
        krew.store.resolve("kubectl-booster.jar"),
        FileTime.from(before.toInstant().plusSeconds(2)));
    assertEquals(0, kubectl("booster", "--version").exit());
    assertTrue(
        Files.getLastModifiedTime(onlyCache(".jsa")).compareTo(before) > 0,
        "a newer jar is trained again");
  }

  /** The one cache of that kind, with no failure marker and no leftover training files. */
  private static Path onlyCache(String suffix) throws Exception {
    try (Stream<Path> files = Files.list(krew.cache())) {
      List<Path> all = files.toList();
      assertEquals(
          List.of(),
          all.stream()
              .map(p -> p.getFileName().toString())
              .filter(
                  n ->
                      !n.endsWith(".jsa") && !n.endsWith(".aot") && !n.endsWith("-completion.bash"))
              .toList(),
          "no failure marker, no half-written file");
      List<Path> caches = all.stream().filter(p -> p.toString().endsWith(suffix)).toList();
      assertEquals(1, caches.size(), all.toString());
      assertTrue(
          caches
              .get(0)
              .getFileName()
              .toString()
              .startsWith("v" + BoosterCommand.VERSION + "-java-"));
      return caches.get(0);
    }
  }

  /**
   * The launcher answers completion from the script it saved after training: the JVM's own answer.
   */
  @Test
  void completionComesFromTheSavedScript() throws Exception {
    kubectl("booster", "--version");
    Run jvm =
        KrewInstall.exec(
            work,
            List.of(
                "java",
                "-cp",
                krew.store.resolve("kubectl-booster.jar").toString(),
                "KubectlBooster",
                "completion",
                "bash"),
            Map.of());
    assertEquals(0, jvm.exit(), jvm.err());
    Path saved = krew.cache().resolve("v" + BoosterCommand.VERSION + "-completion.bash");
    assertEquals(jvm.out(), Files.readString(saved));
    for (String shell : List.of("bash", "zsh")) {
      Run served = kubectl("booster", "completion", shell);
      assertEquals(new Run(0, jvm.out(), ""), served, shell);
    }
    assertEquals(
        2, kubectl("booster", "completion", "fish").exit(), "anything else still runs the plugin");
  }

  /**
   * krew links only the plugin; following the manifest's caveat (the helper copied next to that
   * link), kubectl completes {@code kubectl booster ...} through the installed launcher.
   */
  @Test
  void kubectlCompletesThePluginThroughTheShippedHelper() throws Exception {
    assertTrue(((String) krew.spec().get("caveats")).contains("kubectl_complete-booster"));
    Run without = kubectl("__complete", "booster", "st");
    assertEquals(
        List.of(":0"),
        without.out().lines().toList(),
        "no helper on PATH: kubectl has nothing to offer");
    Path helper = krew.binDir.resolve("kubectl_complete-booster");
    Files.copy(krew.store.resolve("kubectl_complete-booster"), helper);
    try {
      Run completed = kubectl("__complete", "booster", "st");
      assertEquals(0, completed.exit(), completed.err());
      assertEquals(
          List.of(
              "status\tShow a booster's conditions, generations, children with their readiness, and "
                  + "recent events.",
              ":4"),
          completed.out().lines().toList());
    } finally {
      Files.delete(helper);
    }
  }

  @Test
  void everyClusterCommandRunsThroughKubectl() throws Exception {
    String kubeconfig = new PluginFixture(cluster).kubeconfig().toString();
    String example = Path.of("examples/single-gpu.yaml").toAbsolutePath().toString();
    Run create = kubectl("booster", "create", "-f", example, "--kubeconfig", kubeconfig);
    assertEquals(
        "modelbooster.workload.serving.volcano.sh/qwen-chat created\n", create.out(), create.err());
    Run status = kubectl("booster", "status", "qwen-chat", "--kubeconfig", kubeconfig);
    assertEquals(0, status.exit(), status.err());
    assertTrue(
        status
            .out()
            .startsWith("Name:        qwen-chat\nNamespace:   " + cluster.namespace() + "\n"),
        status.out());
    Run tree = kubectl("booster", "tree", "qwen-chat", "--kubeconfig", kubeconfig);
    assertEquals(0, tree.exit(), tree.err());
    assertTrue(tree.out().contains("ModelBooster/qwen-chat"), tree.out());
    Run diff = kubectl("booster", "diff", "-f", example, "--kubeconfig", kubeconfig);
    assertEquals(1, diff.exit(), diff.err());
    assertTrue(diff.out().contains("+kind: ModelServing"), diff.out());
    Run missing = kubectl("booster", "status", "nope", "--kubeconfig", kubeconfig);
    assertEquals(1, missing.exit());
    assertEquals(
        "Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"nope\" not found\n",
        missing.err());
  }
}

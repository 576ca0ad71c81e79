package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.TestCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the release archive once, installs it the way krew does (the manifest's files and bin for linux/amd64),
 * and runs the plugin through the real kubectl binary, which finds it on PATH.
 */
class KrewInstallTest {
  @RegisterExtension
  static final TestCluster cluster = new TestCluster();

  @TempDir
  static Path work;
  static Path archive;
  static Map<String, Object> manifest;
  static Path binDir;

  /** A process's exit code and output. */
  record Run(int exit, String out, String err) {
  }

  @BeforeAll
  static void buildAndInstall() throws Exception {
    Path manifestCopy = work.resolve("krew-manifest.yaml");
    Files.copy(Path.of("krew-manifest.yaml"), manifestCopy);
    Run build = exec(List.of("release/build.sh", work.resolve("dist").toString(), manifestCopy.toString()), Map.of());
    assertEquals(0, build.exit(), build.err());
    archive = Path.of(build.out().strip());
    manifest = Serialization.unmarshal(Files.readString(manifestCopy), Map.class);
    binDir = install(platform("linux", "amd64"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> platform(String os, String arch) {
    List<Map<String, Object>> platforms = (List<Map<String, Object>>) spec().get("platforms");
    return platforms.stream().filter(p -> Map.of("os", os, "arch", arch)
        .equals(((Map<String, Object>) p.get("selector")).get("matchLabels"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec() {
    return (Map<String, Object>) manifest.get("spec");
  }

  /** krew: unpack, move each {@code files} entry (a glob) into {@code to}, link {@code bin} into a PATH directory. */
  @SuppressWarnings("unchecked")
  private static Path install(Map<String, Object> platform) throws Exception {
    Path unpacked = Files.createDirectories(work.resolve("download"));
    assertEquals(0, exec(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), Map.of()).exit());
    Path store = Files.createDirectories(work.resolve("store/booster/" + spec().get("version")));
    for (Map<String, Object> file : (List<Map<String, Object>>) platform.get("files")) {
      String from = (String) file.get("from");
      Path target = Files.createDirectories(store.resolve((String) file.get("to")));
      Path dir = unpacked.resolve(from).getParent();
      String glob = Path.of(from).getFileName().toString();
      int moved = 0;
      try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, glob)) {
        for (Path match : matches) {
          Files.move(match, target.resolve(match.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          moved++;
        }
      }
      assertTrue(moved > 0, "files entry matches nothing in the archive: " + from);
    }
    Path bin = Files.createDirectories(work.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("kubectl-" + ((Map<String, Object>) manifest.get("metadata")).get("name")),
        store.resolve((String) platform.get("bin")));
    return bin;
  }

  @Test
  @SuppressWarnings("unchecked")
  void manifestIsAValidKrewPluginPointingAtTheArchive() throws Exception {
    assertEquals("krew.googlecontainertools.github.com/v1alpha2", manifest.get("apiVersion"));
    assertEquals("Plugin", manifest.get("kind"));
    assertEquals("booster", ((Map<String, Object>) manifest.get("metadata")).get("name"));
    assertEquals("v" + BoosterCommand.VERSION, spec().get("version"));
    assertTrue(((String) spec().get("caveats")).contains("Java 17"));
    for (String field : List.of("homepage", "shortDescription", "description")) {
      assertFalse(((String) spec().get(field)).isBlank(), field);
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    Set<String> platforms = ((List<Map<String, Object>>) spec().get("platforms")).stream().map(p -> {
      assertEquals(sha, p.get("sha256"));
      assertTrue(((String) p.get("uri")).endsWith("/" + archive.getFileName()), (String) p.get("uri"));
      assertEquals("kubectl-booster", p.get("bin"));
      assertTrue(((List<Map<String, Object>>) p.get("files")).stream().anyMatch(f -> "LICENSE".equals(f.get("from"))));
      Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) p.get("selector")).get("matchLabels");
      return labels.get("os") + "/" + labels.get("arch");
    }).collect(Collectors.toSet());
    assertEquals(Set.of("linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64"), platforms);
  }

  @Test
  void kubectlDispatchesHelpAndAnOfflineRender() throws Exception {
    Run help = kubectl("booster", "--help");
    assertEquals(0, help.exit(), help.err());
    assertTrue(help.out().startsWith("Usage: kubectl booster"), help.out());
    for (String sub : List.of("create", "diff", "status", "tree", "completion")) {
      assertTrue(help.out().contains("  " + sub), "help lists " + sub + ": " + help.out());
    }
    Run render = kubectl("booster", "create", "-f", Path.of("examples/single-gpu.yaml").toAbsolutePath().toString(),
        "--dry-run=client");
    assertEquals(0, render.exit(), render.err());
    assertEquals("", render.err());
    assertTrue(render.out().contains("\nkind: ModelServing\n"), render.out());
    Run again = kubectl("booster", "--version");
    assertEquals("kubectl-booster " + BoosterCommand.VERSION + "\n", again.out());
  }

  @Test
  void everyClusterCommandRunsThroughKubectl() throws Exception {
    String kubeconfig = new PluginFixture(cluster).kubeconfig().toString();
    String example = Path.of("examples/single-gpu.yaml").toAbsolutePath().toString();
    Run create = kubectl("booster", "create", "-f", example, "--kubeconfig", kubeconfig);
    assertEquals("modelbooster.workload.serving.volcano.sh/qwen-chat created\n", create.out(), create.err());
    Run status = kubectl("booster", "status", "qwen-chat", "--kubeconfig", kubeconfig);
    assertEquals(0, status.exit(), status.err());
    assertTrue(status.out().startsWith("Name:        qwen-chat\nNamespace:   " + cluster.namespace() + "\n"),
        status.out());
    Run tree = kubectl("booster", "tree", "qwen-chat", "--kubeconfig", kubeconfig);
    assertEquals(0, tree.exit(), tree.err());
    assertTrue(tree.out().contains("ModelBooster/qwen-chat"), tree.out());
    Run diff = kubectl("booster", "diff", "-f", example, "--kubeconfig", kubeconfig);
    assertEquals(1, diff.exit(), diff.err());
    assertTrue(diff.out().contains("+kind: ModelServing"), diff.out());
    Run missing = kubectl("booster", "status", "nope", "--kubeconfig", kubeconfig);
    assertEquals(1, missing.exit());
    assertEquals("Error from server (NotFound): modelboosters.workload.serving.volcano.sh \"nope\" not found\n",
        missing.err());
  }

  private static Run kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl"));
    command.addAll(List.of(args));
    return exec(command, Map.of("PATH", binDir + ":/usr/bin:/bin", "KUBECTL_BOOSTER_CACHE",
        work.resolve("cds").toString()));
  }

  private static Run exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().remove("NO_COLOR");
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "timed out: " + command);
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}

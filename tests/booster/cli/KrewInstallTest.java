package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cli.KrewInstall.Run;
import booster.cluster.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
  static KrewInstall krew;

  @BeforeAll
  static void buildAndInstall() throws Exception {
    krew = new KrewInstall(work);
  }

  private static Run kubectl(String... args) throws Exception {
    return krew.kubectl(args);
  }

  @Test
  @SuppressWarnings("unchecked")
  void manifestIsAValidKrewPluginPointingAtTheArchive() throws Exception {
    assertEquals("krew.googlecontainertools.github.com/v1alpha2", krew.manifest.get("apiVersion"));
    assertEquals("Plugin", krew.manifest.get("kind"));
    assertEquals("booster", ((Map<String, Object>) krew.manifest.get("metadata")).get("name"));
    assertEquals("v" + BoosterCommand.VERSION, krew.spec().get("version"));
    assertTrue(((String) krew.spec().get("caveats")).contains("Java 17"));
    for (String field : List.of("homepage", "shortDescription", "description")) {
      assertFalse(((String) krew.spec().get(field)).isBlank(), field);
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(krew.archive)));
    for (Map<String, Object> p : (List<Map<String, Object>>) krew.spec().get("platforms")) {
      assertEquals(sha, p.get("sha256"));
      assertTrue(((String) p.get("uri")).endsWith("/" + krew.archive.getFileName()), (String) p.get("uri"));
      assertEquals("kubectl-booster", p.get("bin"));
      assertTrue(((List<Map<String, Object>>) p.get("files")).stream().anyMatch(f -> "LICENSE".equals(f.get("from"))));
    }
    for (String os : List.of("linux", "darwin")) {
      for (String arch : List.of("amd64", "arm64")) {
        assertEquals(1, krew.platforms(os, arch).size(), "exactly one platform for " + os + "/" + arch);
      }
    }
    assertEquals(List.of(), krew.platforms("windows", "amd64"), "no Windows launcher is shipped");
    assertEquals(List.of(), krew.platforms("linux", "386"));
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
    assertEquals("rendered for Kthena v1.0 (--kthena-version=auto, offline)\n", render.err());
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
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The release archive built by release/build.sh into {@code work/dist}, installed with the manifest
 * written beside it the way krew installs it (the manifest's {@code files} and {@code bin} for
 * linux/amd64), so tests and the benchmark run what users get.
 */
final class KrewInstall {
  /** A process's exit code and output. */
  record Run(int exit, String out, String err) {}

  final Path work;
  final Path dist;
  final Path archive;
  final Map<String, Object> manifest;

  /** Where the plugin's files were installed. */
  final Path store;

  final Path binDir;

  /** Builds into {@code work/dist}, which may already hold native archives. */
  @SuppressWarnings("unchecked")
  KrewInstall(Path work) throws Exception {
    this.work = work;
    dist = work.resolve("dist");
    Run build = exec(work, List.of("release/build.sh", dist.toString()), Map.of());
    assertEquals(0, build.exit(), build.err());
    archive = Path.of(build.out().strip());
    manifest =
        Serialization.unmarshal(Files.readString(dist.resolve("krew-manifest.yaml")), Map.class);
    store = work.resolve("store/booster/" + spec().get("version"));
    binDir = install(platform("linux", "amd64"));
  }

  /** The platform krew picks on {@code os}/{@code arch}: the first whose selector matches. */
  Map<String, Object> platform(String os, String arch) {
    return platforms(os, arch).stream().findFirst().orElseThrow();
  }

  /** Every platform whose selector (a Kubernetes label selector over os and arch) matches. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> platforms(String os, String arch) {
    Map<String, String> labels = Map.of("os", os, "arch", arch);
    return ((List<Map<String, Object>>) spec().get("platforms"))
        .stream().filter(p -> matches((Map<String, Object>) p.get("selector"), labels)).toList();
  }

  @SuppressWarnings("unchecked")
  private static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
    Map<String, String> matchLabels =
        (Map<String, String>) selector.getOrDefault("matchLabels", Map.of());
    List<Map<String, Object>> expressions =
        (List<Map<String, Object>>) selector.getOrDefault("matchExpressions", List.of());
    return matchLabels.entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
        && expressions.stream()
            .allMatch(
                e -> {
                  String value = labels.get((String) e.get("key"));
                  List<String> values = (List<String>) e.getOrDefault("values", List.of());
                  return switch ((String) e.get("operator")) {
                    case "In" -> values.contains(value);
                    case "NotIn" -> !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default ->
                        throw new AssertionError("unknown selector operator " + e.get("operator"));
                  };
                });
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> spec() {
    return (Map<String, Object>) manifest.get("spec");
  }

  /**
   * krew: unpack, move each {@code files} entry (a glob) into {@code to}, link {@code bin} into a
   * PATH directory.
   */
  @SuppressWarnings("unchecked")
  private Path install(Map<String, Object> platform) throws Exception {
    Path unpacked = Files.createDirectories(work.resolve("download"));
    assertEquals(
        0,
        exec(work, List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), Map.of())
            .exit());
    Files.createDirectories(store);
    for (Map<String, Object> file : (List<Map<String, Object>>) platform.get("files")) {
      String from = (String) file.get("from");
      Path target = Files.createDirectories(store.resolve((String) file.get("to")));
      Path dir = unpacked.resolve(from).getParent();
      String glob = Path.of(from).getFileName().toString();
      int moved = 0;
      try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, glob)) {
        for (Path match : matches) {
          Files.move(
              match, target.resolve(match.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          moved++;
        }
      }
      assertTrue(moved > 0, "files entry matches nothing in the archive: " + from);
    }
    Path bin = Files.createDirectories(work.resolve("bin"));
    Files.createSymbolicLink(
        bin.resolve("kubectl-" + ((Map<String, Object>) manifest.get("metadata")).get("name")),
        store.resolve((String) platform.get("bin")));
    return bin;
  }

  /** Where the launcher keeps its start-up caches. */
  Path cache() {
    return work.resolve("cds");
  }

  /** The real kubectl, with the installed plugin on PATH, on the default Java. */
  Run kubectl(String... args) throws Exception {
    return kubectl(null, args);
  }

  /** As {@link #kubectl(String...)}, with JAVA_HOME set to {@code javaHome} unless it is null. */
  Run kubectl(Path javaHome, String... args) throws Exception {
    return kubectl(binDir, javaHome, args);
  }

  /**
   * As {@link #kubectl(String...)}, with another kubectl-booster (a native build, in {@code dir})
   * on PATH.
   */
  Run kubectlWith(Path dir, String... args) throws Exception {
    return kubectl(dir, null, args);
  }

  private Run kubectl(Path pluginDir, Path javaHome, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl"));
    command.addAll(List.of(args));
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "PATH", pluginDir + ":/usr/bin:/bin", "KUBECTL_BOOSTER_CACHE", cache().toString()));
    env.put("JAVA_HOME", javaHome == null ? "" : javaHome.toString());
    return exec(work, command, env);
  }

  static Run exec(Path work, List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().remove("NO_COLOR");
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "timed out: " + command);
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}

package booster.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of whole command lines: every subcommand with valid, invalid and hostile options,
 * files and stdin, against no kubeconfig or a cluster that refuses connections. Exit codes stay 0,
 * 1 or 2 (usage) and nothing printed looks like Java. The manifest contents themselves are fuzzed
 * by {@code booster.translate.RenderFuzzTest}.
 */
class BoosterCommandFuzzTest {
  private static final long SEED = 20261128L;
  private static final int CASES = 250;

  @TempDir Path dir;

  @Test
  void noCommandLineShowsJava() throws IOException {
    Path unreachable =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u, namespace: team}}]
        current-context: x
        """);
    Path garbage =
        Files.write(
            dir.resolve("garbage.yaml"), new byte[] {0, (byte) 0xff, '{', ':', '\n', '-', 9});
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
    List<String> files =
        List.of(
            "-",
            "examples/single-gpu.yaml",
            "examples",
            dir.resolve("missing.yaml").toString(),
            garbage.toString(),
            empty.toString(),
            dir.toString(),
            "",
            "\u0000");
    List<String> stdins =
        List.of(
            "",
            Examples.text("prefill-decode.yaml"),
            "{",
            "- a\n- 2\n",
            "\u202E",
            "kind: List\n",
            "apiVersion: v1\nkind: List\nitems: [7]\n",
            "[".repeat(700));
    List<List<String>> options =
        List.of(
            List.of("-o", "yaml"),
            List.of("-o", "json"),
            List.of("-o", "name"),
            List.of("-o", "wide"),
            List.of("-o", ""),
            List.of("--dry-run=client"),
            List.of("--dry-run=server"),
            List.of("--dry-run=maybe"),
            List.of("--dry-run"),
            List.of("-n", "team"),
            List.of("-n", "'"),
            List.of("-n", "ünï"),
            List.of("-A"),
            List.of("--request-timeout=abc"),
            List.of("--request-timeout=-1s"),
            List.of("--request-timeout=99999999999999h"),
            List.of("--request-timeout=1s"),
            List.of("--wait=xyz"),
            List.of("--wait=1s"),
            List.of("--apply"),
            List.of("--context", "nope"),
            List.of("--cluster", "c"),
            List.of("--user", "nobody"),
            List.of("--downloader-image", "a b"),
            List.of("--runtime-image", ""),
            List.of("--kthena-version", "v9"),
            List.of("--bogus"),
            List.of("-h"),
            List.of("--version"),
            List.of("x$(id)"),
            List.of("--"),
            List.of("-"),
            List.of("名前"));
    List<String> commands = List.of("create", "diff", "status", "tree", "completion", "help", "");
    Random random = new Random(SEED);
    Map<Integer, Integer> exits = new TreeMap<>();
    for (int n = 0; n < CASES; n++) {
      List<String> args = new ArrayList<>();
      String command = commands.get(random.nextInt(commands.size()));
      if (!command.isEmpty()) {
        args.add(command);
      }
      if (command.equals("completion")) {
        args.add(List.of("bash", "zsh", "fish", "").get(random.nextInt(4)));
      }
      if (command.equals("create") || command.equals("diff") && random.nextBoolean()) {
        args.add("-f");
        args.add(files.get(random.nextInt(files.size())));
      }
      if ((command.equals("status") || command.equals("tree") || command.equals("diff"))
          && random.nextBoolean()) {
        args.add(List.of("demo", "'", "Demo", "a".repeat(300), "").get(random.nextInt(5)));
      }
      for (int i = random.nextInt(3); i > 0; i--) {
        args.addAll(options.get(random.nextInt(options.size())));
      }
      Map<String, String> env =
          random.nextBoolean()
              ? Map.of("KUBECONFIG", dir.resolve("none").toString())
              : Map.of("KUBECONFIG", unreachable.toString());
      Cli.Outcome outcome =
          Cli.inProcess(
              stdins.get(random.nextInt(stdins.size())), env, args.toArray(String[]::new));
      exits.merge(outcome.exit(), 1, Integer::sum);
      String context = "kubectl booster " + String.join(" ", args) + " (" + env + ")\n" + outcome;
      assertTrue(
          outcome.exit() >= 0 && outcome.exit() <= 2, "exit " + outcome.exit() + ": " + context);
      // A completion script is shell code generated by picocli (and says so), not a message.
      String shown =
          command.equals("completion") && outcome.exit() == 0
              ? outcome.err()
              : outcome.out() + outcome.err();
      JavaText.find(shown).ifPresent(java -> fail("Java text " + java + ": " + context));
    }
    System.out.println(
        "command-line fuzz: seed " + SEED + ", " + CASES + " command lines, exit codes " + exits);
    assertTrue(exits.keySet().containsAll(List.of(0, 1, 2)), "every outcome exercised: " + exits);
  }
}

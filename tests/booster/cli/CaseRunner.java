package booster.cli;

import booster.cluster.TestCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link CliCases.Case} as its own process, the way kubectl starts the plugin: in the
 * project root, with a clean environment (PATH and HOME, plus the case's variables), stdout and
 * stderr to files, and for a cluster case a fresh reproducible mock seeded for it.
 */
final class CaseRunner {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * kubectl diff's temporary directories, and the file times {@code diff -u} prints in its headers.
   */
  private static final Pattern DIFF_DIRECTORY = Pattern.compile("(LIVE|MERGED)-[0-9]+");

  private static final Pattern DIFF_HEADER = Pattern.compile("(?m)^((?:---|\\+\\+\\+) \\S+)\t.*$");

  private CaseRunner() {}

  /**
   * @param plugin the command that starts the plugin, e.g. {@code java -cp kubectl-booster.jar
   *     KubectlBooster}
   */
  static Cli.Outcome run(List<String> plugin, CliCases.Case c) {
    List<String> command = new ArrayList<>(plugin);
    command.addAll(c.args());
    if (c.setup() == null) {
      return exec(command, c);
    }
    TestCluster cluster =
        TestCluster.reproducible(c.kthena(), CliCases.NAMESPACE, CliCases.CREATED);
    cluster.beforeAll(null);
    try {
      cluster.beforeEach(null);
      c.setup().seed(cluster, new Seeds(cluster, CliCases.created()));
      command.addAll(List.of("--kubeconfig", new PluginFixture(cluster).kubeconfig().toString()));
      return exec(command, c);
    } finally {
      cluster.afterAll(null);
    }
  }

  /**
   * The outcome with what differs between any two runs, even of one build, made comparable:
   * server-assigned UIDs (the mock numbers them across the whole test JVM) become {@code <uid-N>}
   * in order of appearance, and kubectl diff's temporary directory names and file times are
   * dropped.
   */
  static Cli.Outcome normalized(Cli.Outcome outcome) {
    Map<String, String> uids = new HashMap<>();
    return new Cli.Outcome(
        outcome.exit(), normalize(outcome.out(), uids), normalize(outcome.err(), uids));
  }

  private static String normalize(String text, Map<String, String> uids) {
    Matcher m = UUID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, uids.computeIfAbsent(m.group(), u -> "<uid-" + (uids.size() + 1) + ">"));
    }
    String plain = m.appendTail(out).toString();
    return DIFF_HEADER.matcher(DIFF_DIRECTORY.matcher(plain).replaceAll("$1-*")).replaceAll("$1");
  }

  private static Cli.Outcome exec(List<String> command, CliCases.Case c) {
    Map<String, String> env = new HashMap<>(c.env());
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", System.getProperty("user.home"));
    return Cli.process(command, false, env, c.stdin(), 120);
  }
}

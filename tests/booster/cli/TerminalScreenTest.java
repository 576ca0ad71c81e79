package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugin on a real terminal: tmux runs it in a window of a chosen size, and the screen is read
 * back with {@code tmux capture-pane} (text without colors).
 */
class TerminalScreenTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  private static final String MESSAGE =
      "Updated ModelServing qwen-a ("
          + "spec.template.roles[0].entryTemplate."
          + "spec.containers[0].image, ".repeat(6)
          + "and more)";

  private final Seeds seeds = new Seeds(cluster);
  private final String socket =
      "booster-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  @BeforeEach
  void tmuxIsThere() {
    Assumptions.assumeTrue(run("tmux", "-V").startsWith("tmux "), "needs tmux");
  }

  @AfterEach
  void stopTmux() {
    run("tmux", "-L", socket, "kill-server");
  }

  /**
   * Help is wrapped by the plugin at the terminal's width, not cut or soft-wrapped by the terminal
   * at 80.
   */
  @Test
  void helpWrapsAtTheTerminalsWidth() throws Exception {
    start(60, "create", "--help");
    awaitScreen(s -> s.contains("EXIT=0"));
    List<String> joined =
        List.of(
            run("tmux", "-L", socket, "capture-pane", "-p", "-J", "-S", "-", "-t", "live")
                .split("\n"));
    assertTrue(joined.get(0).startsWith("Usage: kubectl booster create"), text(joined));
    // Examples stay whole, as in kubectl, so that they can be copied.
    List<String> help = joined.subList(0, joined.indexOf("Examples:"));
    assertTrue(
        help.size() > 20 && help.stream().allMatch(l -> l.length() <= 60),
        "a help line wider than the " + "terminal:\n" + text(help));
    assertTrue(
        joined.contains("  kubectl booster create -f qwen.yaml --dry-run=client -o yaml"),
        text(joined));
  }

  /** status --watch with an event message far longer than the width. */
  @Test
  void watchIsCutToTheWidthRedrawnOnResizeAndLeavesTheCursorBelowOnCtrlC() throws Exception {
    ModelBooster booster = seeds.booster("qwen");
    seeds.status(
        booster, 1, List.of(List.of("Active", "True", "ModelAvailable", "ModelBooster is ready")));
    seeds.child(ChildKind.MODEL_ROUTE, booster, "qwen", Map.of("modelName", "qwen"));
    seeds.event("qwen", "qwen.1", "Normal", "ChildrenUpdated", MESSAGE);
    start(
        80,
        "status",
        "qwen",
        "--watch",
        "--kubeconfig",
        new PluginFixture(cluster).kubeconfig().toString());

    // From the first frame on: every line within the width, the long one cut at the last column.
    List<String> wide = awaitScreen(s -> eventLine(s) != null);
    assertFrame(wide, 80);

    // After a resize the terminal rewraps or cuts the old lines; the view draws the whole frame
    // again, cut anew.
    run("tmux", "-L", socket, "resize-window", "-t", "live", "-x", "50");
    assertFrame(awaitScreen(s -> clean(s, 50)), 50);
    run("tmux", "-L", socket, "resize-window", "-t", "live", "-x", "120");
    List<String> wider = awaitScreen(s -> clean(s, 120));
    assertFrame(wider, 120);

    int rows = frameRows(wider);
    run("tmux", "-L", socket, "send-keys", "-t", "live", "C-c");
    List<String> after = awaitScreen(s -> s.stream().anyMatch(l -> l.startsWith("EXIT=")));
    assertEquals(
        "EXIT=130",
        after.get(rows),
        "the cursor was left on the line below the frame:\n" + text(after));
    assertTrue(
        after.get(0).startsWith("Name:        qwen"), "the frame stays on screen:\n" + text(after));
  }

  /**
   * Runs the plugin with {@code args} in a new tmux window {@code width} columns wide and 30 rows
   * high.
   */
  private void start(int width, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java, "-cp", System.getProperty("java.class.path"), PluginMain.class.getName()));
    command.addAll(List.of(args));
    run(
        "tmux",
        "-L",
        socket,
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "live",
        "-x",
        String.valueOf(width),
        "-y",
        "30",
        // The shell keeps running after Ctrl-C (a trap, which its child does not inherit) to print
        // the exit code.
        "sh -c 'trap : INT; " + String.join(" ", command) + "; echo EXIT=$?; sleep 120'");
  }

  private static boolean clean(List<String> screen, int width) {
    try {
      assertFrame(screen, width);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /**
   * One frame from the top row, every line within the width, the event line cut exactly there, and
   * nothing below it: no debris of older frames.
   */
  private static void assertFrame(List<String> screen, int width) {
    assertTrue(
        eventLine(screen) != null && eventLine(screen).length() == width,
        "the event line is cut at column " + width + ":\n" + text(screen));
    assertTrue(screen.get(0).startsWith("Name:        qwen"), text(screen));
    assertTrue(
        screen.stream().allMatch(l -> l.length() <= width),
        "a line wider than " + width + ":\n" + text(screen));
    int rows = frameRows(screen);
    assertTrue(
        screen.subList(rows, screen.size()).stream().allMatch(String::isEmpty),
        "debris below the frame:\n" + text(screen));
    assertEquals(1, screen.stream().filter(l -> l.startsWith("Name:")).count(), text(screen));
  }

  /** Rows up to and including the event line, the frame's last. */
  private static int frameRows(List<String> screen) {
    return screen.indexOf(eventLine(screen)) + 1;
  }

  private static String eventLine(List<String> screen) {
    return screen.stream()
        .filter(l -> l.startsWith("  Normal  ChildrenUpdated"))
        .findFirst()
        .orElse(null);
  }

  private List<String> awaitScreen(Predicate<List<String>> ready) throws InterruptedException {
    List<String> screen = List.of();
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < end; ) {
      screen =
          List.of(run("tmux", "-L", socket, "capture-pane", "-p", "-t", "live").split("\n", -1));
      if (ready.test(screen)) {
        return screen;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the screen never got there:\n" + text(screen));
  }

  private static String text(List<String> screen) {
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < screen.size(); i++) {
      numbered.add(String.format("%2d|%s|", i, screen.get(i)));
    }
    return String.join("\n", numbered);
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}

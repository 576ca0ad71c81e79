package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cli.Terminal.Style;
import booster.cli.TreeView.Node;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeViewTest {
  private static final String ANSI = "\u001B\\[[0-9;]*m";

  @Test
  void colorByReadyStatusKeepsTheColumnsOfThePlainText() {
    Instant now = Instant.parse("2026-01-31T00:00:00Z");
    String created = "2026-01-01T00:00:00Z";
    Node pod =
        new Node(
            "ns",
            "Pod",
            "p-0",
            new ReadyStatus("0/1", "CrashLoopBackOff", Style.BAD),
            created,
            List.of());
    Node root =
        new Node(
            "ns",
            "ModelBooster",
            "b",
            new ReadyStatus("True", "Active", Style.GOOD),
            created,
            List.of(
                new Node(
                    "ns",
                    "ModelServing",
                    "b-x",
                    new ReadyStatus("1/1", "Available", Style.GOOD),
                    created,
                    List.of(pod))));
    List<String> colored = TreeView.render(root, new Terminal(true, false), now);
    List<String> plain = TreeView.render(root, Terminal.plain(), now);
    assertTrue(colored.get(3).contains("\u001B[31mCrashLoopBackOff"), colored.get(3));
    assertTrue(colored.get(1).contains("\u001B[32mActive"), colored.get(1));
    assertEquals(plain, colored.stream().map(l -> l.replaceAll(ANSI, "")).toList());
    assertEquals(
        List.of(
            "NAMESPACE  NAME                READY  STATUS            AGE",
            "ns         ModelBooster/b      True   Active            30d",
            "ns         └─ModelServing/b-x  1/1    Available         30d",
            "ns           └─Pod/p-0         0/1    CrashLoopBackOff  30d"),
        plain);
  }
}

package booster.cli;

import booster.cli.Table.Cell;
import booster.cli.Terminal.Style;
import java.time.Instant;
import java.util.List;

/**
 * kubectl-tree's layout: one row per object, the NAME column indented with box-drawing glyphs by
 * depth.
 */
final class TreeView {
  /** One object in the tree with its health and children. */
  record Node(
      String namespace,
      String kind,
      String name,
      ReadyStatus health,
      String created,
      List<Node> children) {}

  private TreeView() {}

  static List<String> render(Node root, Terminal terminal, Instant now) {
    Table table = new Table("NAMESPACE", "NAME", "READY", "STATUS", "AGE");
    add(table, root, "", "", terminal, now);
    return table.render("");
  }

  private static void add(
      Table table, Node node, String glyph, String indent, Terminal terminal, Instant now) {
    String name = glyph + node.kind() + "/" + node.name();
    String shown =
        terminal.paint(glyph, Style.FAINT)
            + node.kind()
            + "/"
            + terminal.paint(node.name(), Style.BOLD);
    table.row(
        Cell.plain(node.namespace()),
        new Cell(name, shown),
        Cell.of(node.health().ready(), node.health().style(), terminal),
        Cell.of(node.health().status(), node.health().style(), terminal),
        Cell.plain(Ages.since(node.created(), now)));
    for (int i = 0; i < node.children().size(); i++) {
      boolean last = i == node.children().size() - 1;
      add(
          table,
          node.children().get(i),
          indent + (last ? "└─" : "├─"),
          indent + (last ? "  " : "│ "),
          terminal,
          now);
    }
  }
}

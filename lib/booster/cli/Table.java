package booster.cli;

import booster.cli.Terminal.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl-style columns: each padded to its widest plain text, two spaces apart, color added after
 * padding.
 */
final class Table {
  /**
   * {@code text} decides the width, {@code shown} (the text with color codes, or the same) is
   * printed.
   */
  record Cell(String text, String shown) {
    static Cell plain(String text) {
      return new Cell(text, text);
    }

    static Cell of(String text, Style style, Terminal terminal) {
      return new Cell(text, style == null ? text : terminal.paint(text, style));
    }
  }

  private final List<List<Cell>> rows = new ArrayList<>();

  Table(String... headers) {
    List<Cell> header = new ArrayList<>();
    for (String h : headers) {
      header.add(Cell.plain(h));
    }
    rows.add(header);
  }

  Table row(Cell... cells) {
    rows.add(List.of(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.size() == 1;
  }

  List<String> render(String indent) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<Cell> row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] =
            Math.max(width[i], row.get(i).text().codePointCount(0, row.get(i).text().length()));
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<Cell> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        Cell cell = row.get(i);
        line.append(cell.shown());
        if (i < columns - 1) {
          line.append(
              " ".repeat(width[i] - cell.text().codePointCount(0, cell.text().length()) + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}

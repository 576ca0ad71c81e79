package booster.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.fusesource.jansi.Ansi;

/**
 * What the output may do: color only on a terminal and without {@code NO_COLOR}, live redraw only
 * on a terminal. Commands render plain text through {@link #paint}, so the same renderer serves
 * both.
 */
final class Terminal {
  /** Meanings, not colors, so renderers say what a value is and this class decides how it looks. */
  enum Style {
    GOOD,
    BAD,
    WARN,
    FAINT,
    BOLD,
    ADDED,
    REMOVED,
    HEADER
  }

  private final boolean color;
  private final boolean interactive;

  Terminal(boolean color, boolean interactive) {
    this.color = color;
    this.interactive = interactive;
  }

  /**
   * The real console: stdout must be a terminal for color and redraw, and NO_COLOR (any value)
   * turns color off.
   */
  static Terminal detect(Map<String, String> environment) {
    boolean tty = System.console() != null;
    String noColor = environment.get("NO_COLOR");
    return new Terminal(tty && (noColor == null || noColor.isEmpty()), tty);
  }

  /** No color, no redraw: for pipes, files and tests. */
  static Terminal plain() {
    return new Terminal(false, false);
  }

  boolean color() {
    return color;
  }

  String paint(String text, Style style) {
    if (!color || text.isEmpty()) {
      return text;
    }
    Ansi ansi = Ansi.ansi();
    switch (style) {
      case GOOD, ADDED -> ansi.fg(Ansi.Color.GREEN);
      case BAD, REMOVED -> ansi.fg(Ansi.Color.RED);
      case WARN -> ansi.fg(Ansi.Color.YELLOW);
      case FAINT -> ansi.fgBrightBlack();
      case BOLD -> ansi.bold();
      case HEADER -> ansi.fg(Ansi.Color.CYAN);
    }
    return ansi.a(text).reset().toString();
  }

  /**
   * A region that shows successive frames: redrawn in place on a terminal, printed when it changes
   * otherwise.
   */
  LiveView live(PrintWriter out) {
    return interactive ? JLineView.open(out) : new PlainView(out);
  }
}

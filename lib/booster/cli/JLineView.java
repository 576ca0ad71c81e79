package booster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;

/**
 * Redraws a frame in place on a terminal. Every line is cut to the terminal's width and the frame
 * to its height, so nothing ever wraps; between frames the cursor rests on the frame's first row,
 * so a redraw (on change, and at once on a resize, whatever the terminal did to the old lines)
 * clears from there down and draws again. Ctrl-C ends the view like a normal exit: the frame stays,
 * the cursor goes below it, the command exits 130.
 */
final class JLineView implements LiveView {
  private final org.jline.terminal.Terminal terminal;
  private final Thread owner;
  private List<String> frame;

  /** Rows the frame on screen takes, the cursor resting on the first. */
  private int rows;

  private boolean closed;
  private volatile boolean interrupted;

  private JLineView(org.jline.terminal.Terminal terminal) {
    this.terminal = terminal;
    this.owner = Thread.currentThread();
    terminal.handle(Signal.WINCH, signal -> redraw());
    terminal.handle(Signal.INT, signal -> interrupt());
    // Keys typed meanwhile (and the terminal's own "^C") would be echoed into the frame; closing
    // restores echo.
    terminal.echo(false);
    terminal.puts(Capability.cursor_invisible);
    terminal.flush();
  }

  static LiveView open(PrintWriter fallback) {
    try {
      org.jline.terminal.Terminal terminal = TerminalBuilder.builder().system(true).build();
      if (org.jline.terminal.Terminal.TYPE_DUMB.equals(terminal.getType())
          || org.jline.terminal.Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
        terminal.close();
        return new PlainView(fallback);
      }
      return new JLineView(terminal);
    } catch (IOException e) {
      return new PlainView(fallback);
    }
  }

  @Override
  public synchronized void show(List<String> lines) {
    if (closed || lines.equals(frame)) {
      return;
    }
    frame = List.copyOf(lines);
    draw();
  }

  /**
   * The terminal changed size: the old frame may have been rewrapped or cut, so all of it is drawn
   * again.
   */
  private synchronized void redraw() {
    if (!closed && frame != null) {
      draw();
    }
  }

  private void draw() {
    Size size = terminal.getSize();
    // Some pseudo-terminals report 0x0; then assume room for the whole frame.
    int width = size.getColumns() > 0 ? size.getColumns() : 200;
    int height = size.getRows() > 0 ? size.getRows() : frame.size() + 1;
    List<AttributedString> shown = fit(frame, width, height);
    StringBuilder out = new StringBuilder();
    terminal.puts(Capability.carriage_return);
    terminal.puts(Capability.clr_eos);
    for (int i = 0; i < shown.size(); i++) {
      out.append(shown.get(i).toAnsi(terminal));
      if (i < shown.size() - 1) {
        out.append("\r\n");
      }
    }
    terminal.writer().print(out);
    rows = shown.size();
    if (rows > 1) {
      terminal.puts(Capability.parm_up_cursor, rows - 1);
    }
    terminal.puts(Capability.carriage_return);
    terminal.flush();
  }

  /**
   * The lines as they fit: each cut to {@code width} columns (styles kept), and at most {@code
   * height - 1} of them so the whole frame stays on screen, the last one then saying how many are
   * left out.
   */
  static List<AttributedString> fit(List<String> lines, int width, int height) {
    int room = Math.max(1, height - 1);
    List<AttributedString> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.size() > room && i == room - 1) {
        out.add(
            cut(
                new AttributedString(
                    "... " + (lines.size() - i) + " more lines (a taller terminal shows them)"),
                width));
        break;
      }
      out.add(cut(AttributedString.fromAnsi(lines.get(i)), width));
    }
    return out;
  }

  private static AttributedString cut(AttributedString line, int width) {
    return line.columnLength() <= width ? line : line.columnSubSequence(0, width);
  }

  /**
   * Ctrl-C: the command stops as if interrupted (the view closes normally); a second one ends the
   * process.
   */
  private void interrupt() {
    if (interrupted) {
      close();
      System.exit(130);
    }
    interrupted = true;
    owner.interrupt();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Leave the last frame on screen and put the cursor on the line below it.
    if (rows > 1) {
      terminal.puts(Capability.parm_down_cursor, rows - 1);
    }
    if (rows > 0) {
      terminal.writer().print("\r\n");
    }
    terminal.puts(Capability.cursor_normal);
    terminal.flush();
    try {
      terminal.close();
    } catch (IOException e) {
      // The frame is written; a terminal that fails to restore its settings leaves nothing to undo.
    }
  }
}

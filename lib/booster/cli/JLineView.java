package booster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/** Redraws a frame in place with jline's Display, which rewrites only the lines that changed. */
final class JLineView implements LiveView {
  private final org.jline.terminal.Terminal terminal;
  private final Display display;
  private boolean closed;

  private JLineView(org.jline.terminal.Terminal terminal) {
    this.terminal = terminal;
    this.display = new Display(terminal, false);
  }

  static LiveView open(PrintWriter fallback) {
    try {
      org.jline.terminal.Terminal terminal = TerminalBuilder.builder().system(true).build();
      if (org.jline.terminal.Terminal.TYPE_DUMB.equals(terminal.getType())) {
        terminal.close();
        return new PlainView(fallback);
      }
      return new JLineView(terminal);
    } catch (IOException e) {
      return new PlainView(fallback);
    }
  }

  @Override
  public void show(List<String> lines) {
    // Some pseudo-terminals report 0x0; then assume room for the whole frame.
    Size size = terminal.getSize();
    display.resize(size.getRows() > 0 ? size.getRows() : lines.size() + 1,
        size.getColumns() > 0 ? size.getColumns() : 200);
    display.update(lines.stream().map(AttributedString::fromAnsi).toList(), -1);
    terminal.flush();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Leave the last frame on screen and put the cursor below it.
    terminal.writer().println();
    terminal.flush();
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

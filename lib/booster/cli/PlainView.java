package booster.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * For pipes and logs: a frame is printed only when it differs from the previous one, never redrawn.
 */
final class PlainView implements LiveView {
  private final PrintWriter out;
  private List<String> last;

  PlainView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void show(List<String> lines) {
    if (lines.equals(last)) {
      return;
    }
    if (last != null && lines.size() > 1) {
      out.println();
    }
    lines.forEach(out::println);
    out.flush();
    last = List.copyOf(lines);
  }

  @Override
  public void close() {
    out.flush();
  }
}

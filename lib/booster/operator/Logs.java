package booster.operator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per record: time, level, logger, message (and a stack trace only at FINE). */
final class Logs {
  /**
   * fabric8 warns once per kind that {@code v1alpha1} is unstable; every Kthena API is v1alpha1, so
   * the warnings say nothing. Held in a field because java.util.logging keeps only weak references
   * to configured loggers.
   */
  private static final Logger VERSION_WARNINGS =
      Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils");

  private Logs() {}

  /** Routes the root logger to stderr with the one-line format at {@code level}. */
  public static void setup(Level level) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(level);
    handler.setFormatter(new OneLine());
    root.addHandler(handler);
    root.setLevel(level);
    VERSION_WARNINGS.setLevel(Level.SEVERE);
  }

  /**
   * Writes straight to stderr in the same format: for shutdown hooks, which run after
   * java.util.logging's own hook may already have closed every handler.
   */
  public static void direct(Level level, String logger, String message) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger);
    System.err.print(new OneLine().format(record));
    System.err.flush();
  }

  /**
   * Milliseconds always, so every line's message starts in the same column (Instant.toString drops
   * zeros).
   */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord r) {
      String name =
          r.getLoggerName() == null
              ? ""
              : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
      StringBuilder line =
          new StringBuilder()
              .append(TIME.format(Instant.ofEpochMilli(r.getMillis())))
              .append(' ')
              .append(String.format("%-7s", r.getLevel().getName()))
              .append(' ')
              .append(name)
              .append(": ")
              .append(formatMessage(r).replace('\n', ' '))
              .append('\n');
      if (r.getThrown() != null && r.getLevel().intValue() <= Level.FINE.intValue()) {
        line.append(r.getThrown()).append('\n');
      }
      return line.toString();
    }
  }
}

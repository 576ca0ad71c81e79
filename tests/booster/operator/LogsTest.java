package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogsTest {
  @Test
  void oneLinePerRecordWithTimeLevelAndLogger() {
    LogRecord record =
        new LogRecord(Level.WARNING, "reconcile booster=ns/a result=blocked\nsecond line");
    record.setLoggerName("booster.operator.Controller");
    String line = new Logs.OneLine().format(record);
    assertEquals(1, line.lines().count(), line);
    assertTrue(
        line.matches(
            "\\d{4}-\\d\\d-\\d\\dT\\S+ WARNING Controller: reconcile booster=ns/a result=blocked"
                + " second line\\n"),
        line);
  }

  /**
   * Every message starts in the same column: milliseconds are always printed, also when they are
   * zero.
   */
  @Test
  void timestampsHaveAFixedWidth() {
    List<String> lines = new java.util.ArrayList<>();
    for (long millis : new long[] {0, 120, 1_700_000_000_000L, 1_700_000_000_007L}) {
      LogRecord record = new LogRecord(Level.INFO, "m");
      record.setInstant(java.time.Instant.ofEpochMilli(millis));
      record.setLoggerName("booster.operator.Operator");
      lines.add(new Logs.OneLine().format(record));
    }
    assertEquals(
        List.of(
            "1970-01-01T00:00:00.000Z INFO    Operator: m\n",
            "1970-01-01T00:00:00.120Z INFO    Operator: m\n",
            "2023-11-14T22:13:20.000Z INFO    Operator: m\n",
            "2023-11-14T22:13:20.007Z INFO    Operator: m\n"),
        lines);
  }
}

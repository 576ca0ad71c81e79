package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogsTest {
  @Test
  void oneLinePerRecordWithTimeLevelAndLogger() {
    LogRecord record = new LogRecord(Level.WARNING, "reconcile booster=ns/a result=blocked\nsecond line");
    record.setLoggerName("booster.operator.Controller");
    String line = new Logs.OneLine().format(record);
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ WARNING Controller: reconcile booster=ns/a result=blocked"
        + " second line\\n"), line);
  }
}

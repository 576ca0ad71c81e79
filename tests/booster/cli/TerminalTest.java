package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import booster.cli.Terminal.Style;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void noColorWhenNoColorIsSetOrOutputIsNotATerminal() {
    assertFalse(Terminal.detect(Map.of("NO_COLOR", "1")).color());
    // Under the test runner stdout is not a terminal.
    assertFalse(Terminal.detect(Map.of()).color());
    assertEquals("Active", Terminal.plain().paint("Active", Style.GOOD));
  }
}

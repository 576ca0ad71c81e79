package booster.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every argument is one single-quoted POSIX word (docs/design.md §2.5). */
class ShellQuoteTest {
  @Test
  void quotesEveryArgument() {
    assertEquals("'python3'", ShellQuote.quote("python3"));
    assertEquals("''", ShellQuote.quote(""));
    assertEquals("'{\"a\":1}'", ShellQuote.quote("{\"a\":1}"));
    assertEquals("'$(id) `id` ; \\ *'", ShellQuote.quote("$(id) `id` ; \\ *"));
  }

  @Test
  void embeddedSingleQuotesCloseEscapeAndReopen() {
    assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    assertEquals("''\\'''\\'''", ShellQuote.quote("''"));
  }

  @Test
  void joinSplitsBackIntoTheSameWords() {
    List<String> argv = List.of("--a", "x y", "it's", "", "line\nbreak", "{\"k\":\"v\"}");
    assertEquals("'--a' 'x y' 'it'\\''s' '' 'line\nbreak' '{\"k\":\"v\"}'", ShellQuote.join(argv));
    assertEquals(argv, ShellWords.split(ShellQuote.join(argv)));
  }
}

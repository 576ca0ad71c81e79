package booster.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple POSIX sh command line into words the way the shell's tokenizer and quote removal
 * do: blanks separate words; single quotes keep everything literally; double quotes keep everything
 * but {@code \"}, {@code \\}, {@code \$} and {@code \`} escapes; an unquoted backslash escapes the
 * next character. Operators such as {@code &&} come out as words. No expansion is performed (the
 * scripts compared contain none outside quotes).
 */
final class ShellWords {
  private ShellWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote at " + i + ": " + line);
        }
        word.append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        i++;
        for (; i < line.length() && line.charAt(i) != '"'; i++) {
          char d = line.charAt(i);
          if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            d = line.charAt(++i);
          }
          word.append(d);
        }
        if (i >= line.length()) {
          throw new IllegalArgumentException("unterminated double quote: " + line);
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
      } else {
        word.append(c);
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}

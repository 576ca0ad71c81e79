package booster.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * kubectl's {@code -o jsonpath=TEMPLATE} over plain JSON trees (maps, lists, scalars): text with
 * actions in braces, {@code {.a.b}}, {@code {.a['b.c']}}, {@code {.a[0]}}, {@code {.a[-1]}}, {@code
 * {.a[1:3]}}, {@code {.a[*]}} or {@code {.a.*}}, {@code {..name}}, filters {@code
 * {.a[?(@.type=="Ready")].status}} (==, !=, <, <=, >, >= and bare existence), string literals
 * {@code {"\n"}}, and {@code {range .items[*]}...{end}}. As with kubectl's {@code
 * --allow-missing-template-keys} default, a missing key prints nothing. Several results of one
 * action are joined by spaces; maps and lists print as JSON.
 */
final class JsonPath {
  /** Maps print with sorted keys, as Go marshals the decoded object kubectl evaluates. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** A part of a template. */
  private sealed interface Node permits Text, Expression, Range {}

  private record Text(String text) implements Node {}

  private record Expression(List<Step> steps, boolean fromRoot) implements Node {}

  private record Range(Expression over, List<Node> body) implements Node {}

  private sealed interface Step permits Field, Recursive, All, Index, Slice, Filter {}

  private record Field(String name) implements Step {}

  private record Recursive(String name) implements Step {}

  private record All() implements Step {}

  private record Index(int index) implements Step {}

  private record Slice(Integer from, Integer to) implements Step {}

  /** {@code [?(@.path op value)]}; {@code op} null tests that the path exists. */
  private record Filter(List<Step> path, String op, Object value) implements Step {}

  private final List<Node> nodes;

  private JsonPath(List<Node> nodes) {
    this.nodes = nodes;
  }

  /**
   * @param template kubectl's template: text outside braces is printed as it stands
   * @throws IllegalArgumentException naming what is wrong with the template
   */
  static JsonPath parse(String template) {
    Parser parser = new Parser(template);
    List<Node> nodes = parser.nodes(false);
    return new JsonPath(nodes);
  }

  /** The template applied to {@code root}. */
  String render(Object root) {
    StringBuilder out = new StringBuilder();
    render(nodes, root, root, out);
    return out.toString();
  }

  private static void render(List<Node> nodes, Object root, Object current, StringBuilder out) {
    for (Node node : nodes) {
      if (node instanceof Text text) {
        out.append(text.text());
      } else if (node instanceof Expression expression) {
        List<String> printed =
            evaluate(expression, root, current).stream().map(JsonPath::print).toList();
        out.append(String.join(" ", printed));
      } else if (node instanceof Range range) {
        for (Object item : evaluate(range.over(), root, current)) {
          render(range.body(), root, item, out);
        }
      }
    }
  }

  private static List<Object> evaluate(Expression expression, Object root, Object current) {
    return apply(expression.steps(), List.of(expression.fromRoot() ? root : current));
  }

  private static List<Object> apply(List<Step> steps, List<Object> values) {
    List<Object> current = values;
    for (Step step : steps) {
      List<Object> next = new ArrayList<>();
      for (Object value : current) {
        step(step, value, next);
      }
      current = next;
    }
    return current;
  }

  private static void step(Step step, Object value, List<Object> out) {
    if (step instanceof Field field) {
      if (value instanceof Map<?, ?> map && map.containsKey(field.name())) {
        out.add(map.get(field.name()));
      }
    } else if (step instanceof All) {
      out.addAll(children(value));
    } else if (step instanceof Recursive recursive) {
      descend(value, recursive.name(), out);
    } else if (step instanceof Index index && value instanceof List<?> list) {
      int i = index.index() < 0 ? list.size() + index.index() : index.index();
      if (i >= 0 && i < list.size()) {
        out.add(list.get(i));
      }
    } else if (step instanceof Slice slice && value instanceof List<?> list) {
      int from = bound(slice.from(), 0, list.size());
      int to = bound(slice.to(), list.size(), list.size());
      for (int i = from; i < to; i++) {
        out.add(list.get(i));
      }
    } else if (step instanceof Filter filter) {
      for (Object item : children(value)) {
        if (matches(filter, item)) {
          out.add(item);
        }
      }
    }
  }

  private static int bound(Integer given, int fallback, int size) {
    int value = given == null ? fallback : given < 0 ? size + given : given;
    return Math.max(0, Math.min(size, value));
  }

  private static Collection<?> children(Object value) {
    return value instanceof Map<?, ?> map
        ? map.values()
        : value instanceof List<?> list ? list : List.of();
  }

  private static void descend(Object value, String name, List<Object> out) {
    if (value instanceof Map<?, ?> map && map.containsKey(name)) {
      out.add(map.get(name));
    }
    for (Object child : children(value)) {
      descend(child, name, out);
    }
  }

  private static boolean matches(Filter filter, Object item) {
    List<Object> found = apply(filter.path(), List.of(item));
    if (filter.op() == null) {
      return !found.isEmpty() && found.get(0) != null && !Boolean.FALSE.equals(found.get(0));
    }
    if (found.isEmpty()) {
      return false;
    }
    Object left = found.get(0);
    int order;
    if (left instanceof Number a && filter.value() instanceof Number b) {
      order = new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    } else if (filter.op().equals("==") || filter.op().equals("!=")) {
      order =
          Objects.equals(left == null ? null : String.valueOf(left), String.valueOf(filter.value()))
              ? 0
              : 1;
    } else {
      return false;
    }
    return switch (filter.op()) {
      case "==" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }

  private static String print(Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return JSON.writeValueAsString(value);
    }
    return value == null ? "" : String.valueOf(value);
  }

  /** Reads the template left to right. */
  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    /** Nodes up to the end, or up to the {@code {end}} of a range. */
    List<Node> nodes(boolean inRange) {
      List<Node> nodes = new ArrayList<>();
      StringBuilder plain = new StringBuilder();
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c != '{') {
          plain.append(c);
          at++;
          continue;
        }
        if (!plain.isEmpty()) {
          nodes.add(new Text(plain.toString()));
          plain.setLength(0);
        }
        int close = closingBrace(at);
        String action = text.substring(at + 1, close).trim();
        at = close + 1;
        if (action.equals("end")) {
          if (!inRange) {
            throw new IllegalArgumentException("{end} without a {range ...}");
          }
          return nodes;
        }
        if (action.startsWith("range ")) {
          Expression over = expression(action.substring("range ".length()).trim());
          nodes.add(new Range(over, nodes(true)));
        } else if (action.startsWith("\"")) {
          nodes.add(new Text(literal(action)));
        } else {
          nodes.add(expression(action));
        }
      }
      if (inRange) {
        throw new IllegalArgumentException("{range ...} without an {end}");
      }
      if (!plain.isEmpty()) {
        nodes.add(new Text(plain.toString()));
      }
      return nodes;
    }

    private int closingBrace(int open) {
      boolean quoted = false;
      for (int i = open + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"' && text.charAt(i - 1) != '\\') {
          quoted = !quoted;
        } else if (c == '}' && !quoted) {
          return i;
        }
      }
      throw new IllegalArgumentException("unclosed action at column " + (open + 1));
    }

    private static String literal(String action) {
      if (action.length() < 2 || !action.endsWith("\"")) {
        throw new IllegalArgumentException("unterminated string " + action);
      }
      String body = action.substring(1, action.length() - 1);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\\' && i + 1 < body.length()) {
          char e = body.charAt(++i);
          out.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> e;
              });
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static Expression expression(String source) {
      String s = source;
      boolean fromRoot = false;
      if (s.startsWith("$")) {
        fromRoot = true;
        s = s.substring(1);
      } else if (s.startsWith("@")) {
        s = s.substring(1);
      }
      return new Expression(steps(s, source), fromRoot);
    }

    private static List<Step> steps(String s, String source) {
      List<Step> steps = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (s.startsWith("..", i)) {
          int end = nameEnd(s, i + 2);
          steps.add(new Recursive(s.substring(i + 2, end)));
          i = end;
        } else if (c == '.') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '*') {
            steps.add(new All());
            i += 2;
          } else {
            int end = nameEnd(s, i + 1);
            if (end > i + 1) {
              steps.add(new Field(s.substring(i + 1, end)));
            }
            i = end;
          }
        } else if (c == '[') {
          int close = bracketEnd(s, i, source);
          steps.add(bracket(s.substring(i + 1, close).trim(), source));
          i = close + 1;
        } else {
          int end = nameEnd(s, i);
          if (end == i) {
            throw new IllegalArgumentException("unexpected '" + c + "' in " + source);
          }
          steps.add(new Field(s.substring(i, end)));
          i = end;
        }
      }
      return steps;
    }

    private static int nameEnd(String s, int from) {
      int i = from;
      while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != '[') {
        i++;
      }
      return i;
    }

    private static int bracketEnd(String s, int open, String source) {
      int depth = 0;
      boolean quoted = false;
      for (int i = open; i < s.length(); i++) {
        char c = s.charAt(i);
        if ((c == '"' || c == '\'') && s.charAt(i - 1) != '\\') {
          quoted = !quoted;
        } else if (!quoted && (c == '[' || c == '(')) {
          depth++;
        } else if (!quoted && (c == ']' || c == ')')) {
          depth--;
          if (depth == 0 && c == ']') {
            return i;
          }
        }
      }
      throw new IllegalArgumentException("unclosed [ in " + source);
    }

    private static Step bracket(String inside, String source) {
      if (inside.equals("*")) {
        return new All();
      }
      if (inside.startsWith("?(") && inside.endsWith(")")) {
        return filter(inside.substring(2, inside.length() - 1).trim(), source);
      }
      if ((inside.startsWith("'") && inside.endsWith("'"))
          || (inside.startsWith("\"") && inside.endsWith("\""))) {
        return new Field(inside.substring(1, inside.length() - 1));
      }
      try {
        if (inside.contains(":")) {
          String[] bounds = inside.split(":", -1);
          return new Slice(
              bounds[0].isBlank() ? null : Integer.valueOf(bounds[0].trim()),
              bounds[1].isBlank() ? null : Integer.valueOf(bounds[1].trim()));
        }
        return new Index(Integer.parseInt(inside));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an index: [" + inside + "] in " + source);
      }
    }

    private static Step filter(String condition, String source) {
      for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
        int at = condition.indexOf(op);
        if (at > 0) {
          String path = condition.substring(0, at).trim();
          String value = condition.substring(at + op.length()).trim();
          return new Filter(filterPath(path, source), op, value(value, source));
        }
      }
      return new Filter(filterPath(condition, source), null, null);
    }

    private static List<Step> filterPath(String path, String source) {
      if (!path.startsWith("@")) {
        throw new IllegalArgumentException("a filter tests @.field: " + source);
      }
      return steps(path.substring(1), source);
    }

    private static Object value(String value, String source) {
      if ((value.startsWith("\"") && value.endsWith("\""))
          || (value.startsWith("'") && value.endsWith("'"))) {
        return value.substring(1, value.length() - 1);
      }
      if (value.equals("true") || value.equals("false")) {
        return value;
      }
      try {
        return new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a value: " + value + " in " + source);
      }
    }
  }
}

package booster.api;

/** A field path in the apimachinery notation: {@code spec.backends[0].workers[1].type}, map keys as {@code [key]}. */
public record FieldPath(String text) {
  public static FieldPath of(String text) {
    return new FieldPath(text);
  }

  public FieldPath child(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  public FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  @Override
  public String toString() {
    return text;
  }
}

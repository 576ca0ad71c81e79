package booster.api;

/**
 * A field path in the apimachinery notation: {@code spec.backends[0].workers[1].type}, map keys as
 * {@code [key]}.
 */
record FieldPath(String text) {
  static FieldPath of(String text) {
    return new FieldPath(text);
  }

  FieldPath child(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  @Override
  public String toString() {
    return text;
  }
}

package booster.api;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Binds a manifest tree to the typed model, rejecting unknown fields everywhere (also inside the
 * Kubernetes types such as env entries, whose catch-all {@code additionalProperties} would
 * otherwise swallow typos), fractions in integer fields and lists or objects where a quantity
 * belongs, and turns Jackson's errors into {@code <field path>: Invalid value: <value>: must be
 * <what the field takes>}, with no Java type in sight.
 */
final class StrictBinding {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .addModule(new SimpleModule("strict-fields").setDeserializerModifier(new NoCatchAll()))
          .addMixIn(Quantity.class, ScalarQuantity.Binding.class)
          .build();
  private static final int SHOWN_TEXT = 60;

  private StrictBinding() {}

  /** Drops the any-setter so an unknown property fails like in any other class. */
  private static final class NoCatchAll extends ValueDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public BeanDeserializerBuilder updateBuilder(
        DeserializationConfig config,
        BeanDescription.Supplier description,
        BeanDeserializerBuilder builder) {
      builder.setAnySetter(null);
      return builder;
    }
  }

  /**
   * A quantity is a string or a finite number; anything else fails naming the quantity as the
   * expected type.
   */
  static final class ScalarQuantity extends StdDeserializer<Quantity> {
    /**
     * Mixed into Quantity: replaces the class's own deserializer annotation, which a module cannot
     * override.
     */
    @JsonDeserialize(using = ScalarQuantity.class)
    interface Binding {}

    ScalarQuantity() {
      super(Quantity.class);
    }

    @Override
    public Quantity deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(p.getDoubleValue())) {
        return (Quantity)
            ctxt.handleWeirdNumberValue(Quantity.class, p.getDoubleValue(), "not finite");
      }
      if (token != JsonToken.VALUE_STRING
          && token != JsonToken.VALUE_NUMBER_INT
          && token != JsonToken.VALUE_NUMBER_FLOAT) {
        return (Quantity) ctxt.handleUnexpectedToken(Quantity.class, p);
      }
      String text = p.getString();
      try {
        return new Quantity(text);
      } catch (IllegalArgumentException e) {
        return (Quantity) ctxt.handleWeirdStringValue(Quantity.class, text, "not a quantity");
      }
    }
  }

  /**
   * @param root the document the binding read, to show the offending value
   */
  static String describe(JacksonException e, JsonNode root) {
    String path = path(e);
    String at = path.isEmpty() ? "" : path + ": ";
    if (e instanceof UnrecognizedPropertyException) {
      return at + "unknown field";
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return at + ManifestReader.firstLine(e.getCause().getMessage());
    }
    JsonNode value = root.at(pointer(e));
    String shown = value.isMissingNode() ? "" : "Invalid value: " + shown(value) + ": ";
    Class<?> target =
        e instanceof InvalidFormatException f
            ? f.getTargetType()
            : e instanceof MismatchedInputException m
                ? m.getTargetType()
                : e instanceof InputCoercionException c ? c.getTargetType() : null;
    if (target == null) {
      return at + shown + "cannot be read";
    }
    if (isInteger(target) && value.isIntegralNumber()) {
      long max =
          target == Integer.class || target == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
      return at + shown + "must be an integer from " + (-max - 1) + " to " + max;
    }
    return at + shown + "must be " + expected(target);
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null && ref.from() instanceof Map<?, ?>) {
        path.append('[').append(ref.getPropertyName()).append(']');
      } else if (ref.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static JsonPointer pointer(JacksonException e) {
    JsonPointer pointer = JsonPointer.empty();
    for (JacksonException.Reference ref : e.getPath()) {
      pointer =
          ref.getPropertyName() != null
              ? pointer.appendProperty(ref.getPropertyName())
              : ref.getIndex() >= 0 ? pointer.appendIndex(ref.getIndex()) : pointer;
    }
    return pointer;
  }

  /**
   * A value as a message shows it: YAML spellings for non-finite numbers, compact JSON otherwise,
   * shortened.
   */
  static String shown(JsonNode value) {
    if (value.isNumber()
        && !value.isIntegralNumber()
        && !value.isBigDecimal()
        && !Double.isFinite(value.asDouble())) {
      return Double.isNaN(value.asDouble()) ? ".nan" : value.asDouble() > 0 ? ".inf" : "-.inf";
    }
    String text =
        value.isFloatingPointNumber()
            ? value.decimalValue().stripTrailingZeros().toString()
            : value.toString().strip().replaceAll("\\s+", " ");
    return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT) + "...";
  }

  private static boolean isInteger(Class<?> type) {
    return type == Integer.class || type == int.class || type == Long.class || type == long.class;
  }

  private static String expected(Class<?> type) {
    if (isInteger(type)) {
      return "an integer";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean (true or false)";
    }
    if (type == Quantity.class) {
      return "a quantity such as 2, 500m or 1.5Gi";
    }
    if (type == IntOrString.class) {
      return "an integer or a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> "\"" + c + "\"")
              .collect(Collectors.joining(", "));
    }
    return Map.class.isAssignableFrom(type) ? "an object (map)" : "an object";
  }
}

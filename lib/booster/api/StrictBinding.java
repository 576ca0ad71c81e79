package booster.api;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Binds a manifest tree to the typed model, rejecting unknown fields everywhere (also inside the Kubernetes types
 * such as env entries, whose catch-all {@code additionalProperties} would otherwise swallow typos), and turns
 * Jackson's errors into {@code <field path>: <message>}.
 */
final class StrictBinding {
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addModule(new SimpleModule("strict-fields").setDeserializerModifier(new NoCatchAll()))
      .build();

  private StrictBinding() {
  }

  /** Drops the any-setter so an unknown property fails like in any other class. */
  private static final class NoCatchAll extends ValueDeserializerModifier {
    @Override
    public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier description,
        BeanDeserializerBuilder builder) {
      builder.setAnySetter(null);
      return builder;
    }
  }

  static String describe(JacksonException e) {
    String path = path(e);
    String at = path.isEmpty() ? "" : path + ": ";
    if (e instanceof UnrecognizedPropertyException) {
      return at + "unknown field";
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return at + ManifestReader.firstLine(e.getCause().getMessage());
    }
    if (e instanceof InvalidFormatException f) {
      return at + "invalid value " + FieldErrors.show(f.getValue()) + ": expected " + expected(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return at + "wrong type: expected " + expected(m.getTargetType());
    }
    return at + ManifestReader.firstLine(e.getOriginalMessage());
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type == Quantity.class || type == IntOrString.class) {
      return "a number or a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return Map.class.isAssignableFrom(type) ? "an object (map)" : "an object";
  }
}

package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.Problem;
import booster.api.Validation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The single entry of the translation: a validated booster becomes its ordered children. Pure: no client, no I/O,
 * no clock, so the plugin's offline render is exactly what the operator applies.
 */
public final class Translator {
  private final TranslatorConfig config;

  public Translator(TranslatorConfig config) {
    this.config = config;
  }

  /**
   * ModelServing(s), ModelServer(s), the ModelRoute, then each AutoscalingPolicy followed by its binding
   * (the binding webhook needs its policy to exist first).
   *
   * @throws InvalidBoosterException listing every validation error when the booster is invalid
   */
  public List<GenericKubernetesResource> translate(ModelBooster booster) {
    return translate(booster, warning -> { });
  }

  /** As {@link #translate(ModelBooster)}, handing each validation warning to {@code warnings}. */
  public List<GenericKubernetesResource> translate(ModelBooster booster, Consumer<Problem> warnings) {
    List<Problem> problems = Validation.validate(booster);
    List<Problem> errors = problems.stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw new InvalidBoosterException(booster, errors);
    }
    problems.forEach(warnings);
    List<BackendContext> backends = new ArrayList<>();
    for (ModelBackend backend : booster.getSpec().allBackends()) {
      backends.add(new BackendContext(booster, backend, config));
    }
    List<GenericKubernetesResource> children = new ArrayList<>();
    for (BackendContext backend : backends) {
      children.add(ModelServings.build(backend));
    }
    for (BackendContext backend : backends) {
      children.add(ModelServers.build(backend));
    }
    children.add(ModelRoutes.build(booster));
    children.addAll(Autoscaling.build(booster));
    return children;
  }
}

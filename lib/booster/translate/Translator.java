package booster.translate;

import booster.api.InvalidInputException;
import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.Problem;
import booster.api.Validation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The single entry of the translation: a validated booster becomes its ordered children, in the
 * schemas of the configured Kthena profile. Pure: no client, no I/O, no clock, so the plugin's
 * offline render is exactly what the operator applies.
 */
public final class Translator {
  private final TranslatorConfig config;

  public Translator(TranslatorConfig config) {
    this.config = config;
  }

  /**
   * ModelServing(s), ModelServer(s), the ModelRoute(s) (the main one, then {@code spec.routes[]}),
   * then each AutoscalingPolicy, followed by its binding under profile v0.4 (the binding webhook
   * needs its policy to exist first).
   *
   * @throws InvalidInputException listing every validation error, each with its field path, when
   *     the booster is invalid
   */
  public List<GenericKubernetesResource> translate(ModelBooster booster) {
    return translate(booster, warning -> {});
  }

  /**
   * As {@link #translate(ModelBooster)}, handing each validation warning to {@code warnings}, also
   * when errors follow: the one validation pass of a booster, so callers need not validate
   * beforehand.
   */
  public List<GenericKubernetesResource> translate(
      ModelBooster booster, Consumer<Problem> warnings) {
    List<Problem> problems = validate(booster);
    problems.stream().filter(problem -> !problem.isError()).forEach(warnings);
    List<Problem> errors = problems.stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw InvalidInputException.invalidBooster(booster, errors);
    }
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
    children.addAll(ModelRoutes.build(booster));
    children.addAll(Autoscaling.build(booster, config.profile()));
    return children;
  }

  /**
   * Every problem of the booster for this translator: {@link Validation}'s, plus what the profile
   * cannot express (role autoscaling under v0.4). Never throws.
   */
  public List<Problem> validate(ModelBooster booster) {
    List<Problem> problems = new ArrayList<>(Validation.validate(booster));
    problems.addAll(ProfileRules.check(booster, config.profile()));
    return problems;
  }

  /** The Kthena profile this translator writes for. */
  public KthenaProfile profile() {
    return config.profile();
  }
}

package booster.api;

import java.util.List;

/**
 * Every problem of a booster at once, each naming its field path (docs/design.md §2.1): the one
 * rule book. The translator runs it once per booster (plus what its Kthena profile cannot express),
 * for the plugin before anything is printed or sent and for the operator before anything is
 * written. Covers the CRD schema rules too, because an object may come from a cluster without our
 * CRD; CrdRulesParityTest holds the two to the same rules. Never throws, whatever is null or
 * missing.
 */
public final class Validation {
  private Validation() {}

  public static List<Problem> validate(ModelBooster booster) {
    FieldErrors errors = new FieldErrors();
    if (booster == null) {
      errors.required(FieldPath.of("metadata.name"), "no ModelBooster given");
      return errors.problems();
    }
    String name = booster.getMetadata() == null ? null : booster.getMetadata().getName();
    NameRules.boosterName(name, errors);
    if (booster.getMetadata() != null) {
      NameRules.namespace(booster.getMetadata().getNamespace(), errors);
      NameRules.uid(booster.getMetadata().getUid(), errors);
    }
    ModelBoosterSpec spec = booster.getSpec();
    FieldPath path = FieldPath.of("spec");
    if (spec == null) {
      errors.required(path, "");
      return errors.problems();
    }
    shape(spec, path, errors);
    if (spec.getName() != null && spec.getName().length() > 64) {
      errors.invalid(path.child("name"), spec.getName(), "must be no more than 64 characters");
    }
    errors.pattern(
        path.child("name"),
        spec.getName(),
        Patterns.DNS_LABEL,
        "must be a lowercase RFC 1123 label");
    errors.range(
        path.child("costExpansionRatePercent"), spec.getCostExpansionRatePercent(), 0, 1000);
    AutoscalingRules.policy(spec.getAutoscalingPolicy(), path.child("autoscalingPolicy"), errors);
    MatchRules.modelMatch(spec.getModelMatch(), path.child("modelMatch"), errors);
    RouteRules.routes(name, spec, errors);
    if (spec.getBackend() != null) {
      BackendRules.current(name, spec, errors);
    }
    if (spec.getBackends() != null) {
      BackendRules.legacy(name, spec, errors);
    }
    return errors.problems();
  }

  /**
   * Exactly one of {@code backend} (v0.2-v0.4) and {@code backends} (v0.1); legacy-only fields need
   * the list.
   */
  private static void shape(ModelBoosterSpec spec, FieldPath path, FieldErrors errors) {
    if (spec.getBackend() != null && spec.getBackends() != null) {
      errors.forbidden(
          path.child("backends"),
          "exactly one of spec.backend or spec.backends may be set, not both");
    } else if (spec.getBackend() == null && spec.getBackends() == null) {
      errors.required(
          path.child("backend"), "exactly one of spec.backend or spec.backends must be set");
    }
    if (spec.getBackend() != null && spec.getCostExpansionRatePercent() != null) {
      errors.forbidden(path.child("costExpansionRatePercent"), BackendRules.LEGACY_ONLY);
    }
  }
}

package booster.api;

import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The autoscaling policy's schema rules (the bounds upstream's CRD puts on AutoscalingPolicySpec),
 * the AutoscalingPolicy webhook's rules (the same at Kthena v0.4 and v1.0: positive finite targets,
 * unique metric names, durations up to 30 minutes), and the autoscaling-scope rules of upstream's
 * ModelBooster webhook (webhook/model_validator.go), legacy and current shape, with real field
 * paths instead of upstream's stale {@code cost}/{@code autoscalingPolicyRef}. Scope rules that
 * upstream's own examples and test inputs break are warnings: those objects translate fine
 * (docs/design.md §2.1).
 */
final class AutoscalingRules {
  private static final Duration MAX_GRACE = Duration.ofSeconds(1800);
  private static final Duration MAX_BEHAVIOR = Duration.ofMinutes(30);
  private static final String DURATION_HINT = "must be a duration such as 15s, 1m or 1h30m";

  private AutoscalingRules() {}

  static void policy(AutoscalingPolicySpec policy, FieldPath path, FieldErrors errors) {
    if (policy == null) {
      return;
    }
    errors.range(path.child("tolerancePercent"), policy.getTolerancePercent(), 0, 100);
    metrics(policy.getMetrics(), path.child("metrics"), errors);
    AutoscalingBehavior behavior = policy.getBehavior();
    if (behavior == null) {
      return;
    }
    FieldPath behaviorPath = path.child("behavior");
    ScaleUpBehavior up = behavior.getScaleUp();
    if (up != null) {
      FieldPath upPath = behaviorPath.child("scaleUp");
      rule(up.getStablePolicy(), upPath.child("stablePolicy"), errors);
      panic(up.getPanicPolicy(), upPath.child("panicPolicy"), errors);
    }
    rule(behavior.getScaleDown(), behaviorPath.child("scaleDown"), errors);
  }

  private static void metrics(List<AutoscalingMetric> metrics, FieldPath path, FieldErrors errors) {
    if (metrics == null || metrics.isEmpty()) {
      errors.required(path, "must have at least 1 item");
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      AutoscalingMetric m = metrics.get(i);
      FieldPath p = path.index(i);
      if (m == null) {
        errors.required(p, "");
        continue;
      }
      if (m.getMetricName() == null || m.getMetricName().isBlank()) {
        errors.required(p.child("metricName"), "");
      } else if (!names.add(m.getMetricName())) {
        errors.invalid(
            p.child("metricName"),
            m.getMetricName(),
            "duplicate metric name " + m.getMetricName() + " is not allowed");
      }
      quantity(m.getTargetValue(), p.child("targetValue"), errors);
    }
  }

  private static void quantity(Quantity value, FieldPath path, FieldErrors errors) {
    if (value == null) {
      errors.required(path, "");
      return;
    }
    String text =
        (value.getAmount() == null ? "" : value.getAmount())
            + (value.getFormat() == null ? "" : value.getFormat());
    if (!text.matches(Patterns.QUANTITY)) {
      errors.invalid(path, text, "must be a quantity such as 10, 500m or 1.5k");
    } else if (!positiveFinite(value)) {
      errors.invalid(
          path, text, "metric target value must be greater than 0 and not equal to infinity");
    }
  }

  /** As the webhook reads it: the quantity as a float64. */
  private static boolean positiveFinite(Quantity value) {
    try {
      double d = value.getNumericalAmount().doubleValue();
      return d > 0 && !Double.isInfinite(d);
    } catch (ArithmeticException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void rule(ScalingRule rule, FieldPath path, FieldErrors errors) {
    if (rule == null) {
      return;
    }
    errors.range(path.child("instances"), rule.getInstances(), 0, Integer.MAX_VALUE);
    errors.range(path.child("percent"), rule.getPercent(), 0, 1000);
    duration(rule.getPeriod(), path.child("period"), errors);
    if (rule.getSelectPolicy() != null && !List.of("Or", "And").contains(rule.getSelectPolicy())) {
      errors.unsupported(path.child("selectPolicy"), rule.getSelectPolicy(), List.of("Or", "And"));
    }
    duration(rule.getStabilizationWindow(), path.child("stabilizationWindow"), errors);
  }

  private static void panic(PanicRule panic, FieldPath path, FieldErrors errors) {
    if (panic == null) {
      return;
    }
    errors.range(path.child("percent"), panic.getPercent(), 0, 1000);
    if (panic.getPeriod() == null) {
      errors.required(path.child("period"), "");
    }
    duration(panic.getPeriod(), path.child("period"), errors);
    errors.range(path.child("panicThresholdPercent"), panic.getPanicThresholdPercent(), 110, 1000);
    duration(panic.getPanicModeHold(), path.child("panicModeHold"), errors);
  }

  private static void duration(String value, FieldPath path, FieldErrors errors) {
    if (value == null) {
      return;
    }
    GoDuration.parse(value)
        .ifPresentOrElse(
            d -> {
              if (d.isNegative()) {
                errors.invalid(path, value, "must not be negative");
              } else if (d.compareTo(MAX_BEHAVIOR) > 0) {
                errors.invalid(path, value, "must be between 0 and 30 minutes");
              }
            },
            () -> errors.invalid(path, value, DURATION_HINT));
  }

  /**
   * Legacy {@code scaleToZeroGracePeriod}: a duration from 0 to 1800 seconds (as upstream's v0.1
   * webhook checked it).
   */
  static void gracePeriod(String value, FieldPath path, FieldErrors errors) {
    if (value == null) {
      return;
    }
    GoDuration.parse(value)
        .ifPresentOrElse(
            d -> {
              if (d.compareTo(MAX_GRACE) > 0) {
                errors.invalid(path, value, "scaleToZeroGracePeriod cannot exceed 1800 seconds");
              } else if (d.isNegative()) {
                errors.invalid(path, value, "scaleToZeroGracePeriod cannot be negative");
              }
            },
            () -> errors.invalid(path, value, DURATION_HINT));
  }

  /**
   * Without a policy only minReplicas replicas run, so maxReplicas is meaningless. A fixed {@code
   * replicas} leaves nothing to autoscale between.
   */
  static void currentScope(
      String boosterName,
      ModelBoosterSpec spec,
      ModelBackend backend,
      FieldPath path,
      FieldErrors errors) {
    if (spec.getAutoscalingPolicy() == null) {
      fixedReplicas(backend, path, errors);
    } else if (backend.getReplicas() != null) {
      errors.forbidden(
          FieldPath.of("spec.autoscalingPolicy"),
          "requires spec.backend.minReplicas and maxReplicas "
              + "(with replicas, write an AutoscalingPolicy for ModelServing "
              + boosterName
              + "-"
              + backend.getName()
              + ")");
    }
  }

  /** Model-level or backend-level autoscaling, and the fields each one needs or forbids. */
  static void legacyScope(ModelBoosterSpec spec, FieldErrors errors) {
    List<ModelBackend> backends = spec.getBackends();
    boolean modelLevel = spec.getAutoscalingPolicy() != null;
    boolean anyBackendLevel =
        backends.stream().anyMatch(b -> b != null && b.getAutoscalingPolicy() != null);
    if (!modelLevel && spec.getCostExpansionRatePercent() != null) {
      errors.forbidden(
          FieldPath.of("spec.costExpansionRatePercent"),
          "costExpansionRatePercent must not be provided when model-level autoscaling is not set");
    }
    long minSum = 0;
    for (int i = 0; i < backends.size(); i++) {
      ModelBackend b = backends.get(i);
      if (b == null) {
        continue;
      }
      FieldPath path = FieldPath.of("spec.backends").index(i);
      minSum += b.getMinReplicas() == null ? 0 : b.getMinReplicas();
      if (modelLevel && b.getAutoscalingPolicy() != null) {
        errors.forbidden(
            path.child("autoscalingPolicy"),
            "spec.autoscalingPolicy and "
                + "spec.backends[].autoscalingPolicy cannot both be set; choose model-level or backend-level autoscaling");
      } else if (modelLevel) {
        if (b.getScalingCost() == null || b.getScalingCost() == 0) {
          errors.warning(
              path.child("scalingCost"),
              0,
              "should be set when model-level autoscaling is set; the optimizer gets cost 0 for this backend");
        }
      } else {
        if (b.getScalingCost() != null && b.getScalingCost() != 0) {
          errors.forbidden(
              path.child("scalingCost"),
              "scalingCost must not be provided when model-level autoscaling is not set");
        }
        if (b.getScaleToZeroGracePeriod() != null) {
          errors.forbidden(
              path.child("scaleToZeroGracePeriod"),
              "scaleToZeroGracePeriod must not be provided when model-level autoscaling is not set");
        }
        if (b.getAutoscalingPolicy() == null && !anyBackendLevel) {
          fixedReplicas(b, path, errors);
        }
      }
    }
    if (modelLevel && !anyBackendLevel && minSum < 1) {
      errors.warning(
          FieldPath.of("spec.backends"),
          minSum,
          "sum of all minReplicas is 0: no replica runs until the autoscaler scales up");
    }
  }

  private static void fixedReplicas(ModelBackend backend, FieldPath path, FieldErrors errors) {
    Integer min = backend.getMinReplicas();
    Integer max = backend.getMaxReplicas();
    if (min != null && max != null && min <= max && (!min.equals(max) || min == 0)) {
      errors.warning(
          path,
          "minReplicas=" + min + ", maxReplicas=" + max,
          "without autoscaling exactly "
              + "minReplicas replicas run and maxReplicas has no effect");
    }
  }
}

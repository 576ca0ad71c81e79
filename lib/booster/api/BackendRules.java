package booster.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules for {@code spec.backend} and each {@code spec.backends[i]}: the CRD schema plus the
 * webhook's rules.
 */
final class BackendRules {
  static final String LEGACY_ONLY =
      "only allowed in the v0.1 shape (spec.backends[]); "
          + "spec.backend (v0.2+) has no such field";
  static final List<String> TRANSLATABLE =
      List.of(BackendType.VLLM.value(), BackendType.VLLM_DISAGGREGATED.value());
  private static final int MAX_WORKERS = 1000;

  /** ModelRoute limits: targets per rule, and LoRA adapter names per route. */
  private static final int MAX_ROUTE_TARGETS = 16;

  private static final int MAX_ROUTE_LORAS = 10;

  private BackendRules() {}

  static void current(String boosterName, ModelBoosterSpec spec, FieldErrors errors) {
    ModelBackend backend = spec.getBackend();
    FieldPath path = FieldPath.of("spec.backend");
    common(boosterName, backend, path, errors);
    replicaStyle(backend, path, errors);
    for (String field : legacyFieldsSet(backend)) {
      errors.forbidden(path.child(field), LEGACY_ONLY);
    }
    AutoscalingRules.currentScope(boosterName, spec, backend, path, errors);
    RoleScalingRules.backend(
        backend,
        path,
        FieldPath.of("spec.autoscalingPolicy"),
        spec.getAutoscalingPolicy() != null,
        errors);
  }

  static void legacy(String boosterName, ModelBoosterSpec spec, FieldErrors errors) {
    List<ModelBackend> backends = spec.getBackends();
    FieldPath listPath = FieldPath.of("spec.backends");
    if (backends.isEmpty()) {
      errors.required(listPath, "must have at least 1 item");
      return;
    }
    if (backends.size() > MAX_ROUTE_TARGETS) {
      errors.tooMany(
          listPath,
          backends.size(),
          MAX_ROUTE_TARGETS,
          " (a ModelRoute rule takes at most 16 targets)");
    }
    Set<String> names = new HashSet<>();
    Set<String> loras = new TreeSet<>();
    boolean tooManyLoras = false;
    long sumMax = 0;
    for (int i = 0; i < backends.size(); i++) {
      ModelBackend backend = backends.get(i);
      FieldPath path = listPath.index(i);
      if (backend == null) {
        errors.required(path, "");
        continue;
      }
      if (backend.getName() != null && !names.add(backend.getName())) {
        errors.duplicate(path.child("name"), backend.getName());
      }
      common(boosterName, backend, path, errors);
      legacyReplicas(backend, path, errors);
      legacyFields(boosterName, backend, path, errors);
      RoleScalingRules.backend(
          backend,
          path,
          path.child("autoscalingPolicy"),
          backend.getAutoscalingPolicy() != null,
          errors);
      loras.addAll(loraNames(backend));
      tooManyLoras |=
          backend.getLoraAdapters() != null && backend.getLoraAdapters().size() > MAX_ROUTE_LORAS;
      sumMax += backend.getMaxReplicas() == null ? 0 : backend.getMaxReplicas();
    }
    if (sumMax > Limits.MAX_REPLICAS) {
      errors.invalid(
          listPath,
          sumMax,
          "sum of maxReplicas across all backends cannot exceed " + Limits.MAX_REPLICAS);
    }
    // a backend over the limit on its own is reported at its loraAdapters already
    if (loras.size() > MAX_ROUTE_LORAS && !tooManyLoras) {
      errors.tooMany(
          listPath,
          loras.size(),
          MAX_ROUTE_LORAS,
          " (distinct loraAdapters names across backends; a ModelRoute lists at most 10)");
    }
    AutoscalingRules.legacyScope(spec, errors);
  }

  private static void common(
      String boosterName, ModelBackend backend, FieldPath path, FieldErrors errors) {
    requiredText(path.child("name"), backend.getName(), errors);
    errors.pattern(
        path.child("name"),
        backend.getName(),
        Patterns.DNS_LABEL,
        "must be a lowercase RFC 1123 label");
    NameRules.backend(boosterName, backend, path, errors);
    if (backend.getType() == null) {
      errors.required(path.child("type"), "");
    } else if (!backend.getType().translatable()) {
      errors.unsupported(path.child("type"), backend.getType().value(), TRANSLATABLE);
    }
    requiredText(path.child("modelURI"), backend.getModelURI(), errors);
    errors.pattern(
        path.child("modelURI"),
        backend.getModelURI(),
        Patterns.MODEL_URI,
        "unsupported scheme: must start with hf://, s3://, pvc:// or ms://");
    errors.pattern(
        path.child("cacheURI"),
        backend.getCacheURI(),
        Patterns.CACHE_URI,
        CacheUris.UNSUPPORTED_SCHEME);
    NameRules.subdomain(
        backend.getRuntimeClassName(), "a RuntimeClass", path.child("runtimeClassName"), errors);
    TopologyRules.backend(backend, path, errors);
    env(backend, path.child("env"), errors);
    replicaRanges(backend, path, errors);
    workers(backend, path.child("workers"), errors);
    PodRules.backend(backend, path, errors);
  }

  private static void requiredText(FieldPath path, String value, FieldErrors errors) {
    if (value == null || value.isEmpty()) {
      errors.required(path, "");
    }
  }

  private static void env(ModelBackend backend, FieldPath path, FieldErrors errors) {
    if (backend.getEnv() == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < backend.getEnv().size(); i++) {
      var env = backend.getEnv().get(i);
      String name = env == null ? null : env.getName();
      if (name == null || name.isEmpty()) {
        errors.required(path.index(i).child("name"), "");
      } else if (!seen.add(name)) {
        // Duplicates are reduced to the last entry (docs/design.md §2.6), so this is worth a
        // warning, not an error.
        errors.warning(
            path.index(i).child("name"), name, "duplicate env name; the last entry wins");
      } else if (name.equals(ModelBackend.SKIP_ENGINE_DEPENDENCY_INSTALL)
          && GoBool.parse(env.getValue()).isEmpty()) {
        errors.warning(
            path.index(i).child("value"),
            env.getValue() == null ? "" : env.getValue(),
            "not a literal boolean (true, false, 1, 0, ...), so it counts as false and the connector is installed");
      }
    }
  }

  private static void replicaRanges(ModelBackend backend, FieldPath path, FieldErrors errors) {
    Integer min = backend.getMinReplicas();
    Integer max = backend.getMaxReplicas();
    errors.range(path.child("replicas"), backend.getReplicas(), 0, Limits.MAX_REPLICAS);
    errors.range(path.child("minReplicas"), min, 0, Limits.MAX_REPLICAS);
    errors.range(path.child("maxReplicas"), max, 1, Limits.MAX_REPLICAS);
    if (min != null && max != null && min > max) {
      errors.invalid(
          path.child("minReplicas"), min, "minReplicas cannot be greater than maxReplicas");
    }
  }

  /**
   * {@code spec.backend}: a fixed {@code replicas} (v1.0) or both of {@code minReplicas}/{@code
   * maxReplicas}.
   */
  private static void replicaStyle(ModelBackend backend, FieldPath path, FieldErrors errors) {
    boolean min = backend.getMinReplicas() != null;
    boolean max = backend.getMaxReplicas() != null;
    if (backend.getReplicas() != null) {
      if (min || max) {
        errors.forbidden(
            path.child("replicas"),
            "set either replicas (a fixed count) or minReplicas and "
                + "maxReplicas (a range), not both");
      }
    } else if (!min && !max) {
      errors.required(
          path.child("replicas"),
          "set replicas (a fixed count), or minReplicas and maxReplicas " + "(a range)");
    } else if (min != max) {
      errors.required(
          path.child(min ? "maxReplicas" : "minReplicas"),
          "minReplicas and maxReplicas must be set together");
    }
  }

  /** {@code spec.backends[i]}: v0.1 has only the range. */
  private static void legacyReplicas(ModelBackend backend, FieldPath path, FieldErrors errors) {
    if (backend.getReplicas() != null) {
      errors.forbidden(
          path.child("replicas"),
          "spec.backends[] items take minReplicas and maxReplicas; replicas "
              + "is a spec.backend field");
    }
    if (backend.getMinReplicas() == null) {
      errors.required(path.child("minReplicas"), "");
    }
    if (backend.getMaxReplicas() == null) {
      errors.required(path.child("maxReplicas"), "");
    }
  }

  private static void workers(ModelBackend backend, FieldPath path, FieldErrors errors) {
    List<ModelWorker> workers = backend.getWorkers();
    if (workers == null || workers.isEmpty()) {
      errors.required(path, "must have at least 1 item");
      return;
    }
    if (workers.size() > MAX_WORKERS) {
      errors.tooMany(path, workers.size(), MAX_WORKERS, "");
    }
    for (int j = 0; j < workers.size(); j++) {
      if (workers.get(j) == null) {
        errors.required(path.index(j), "");
      } else {
        WorkerRules.worker(workers.get(j), path.index(j), errors);
      }
    }
    if (backend.getType() == BackendType.VLLM) {
      vllmWorkers(workers, path, errors);
    } else if (backend.getType() == BackendType.VLLM_DISAGGREGATED) {
      disaggregatedWorkers(workers, path, errors);
    }
  }

  /** vLLM: exactly one worker, of type server (webhook rule). */
  private static void vllmWorkers(List<ModelWorker> workers, FieldPath path, FieldErrors errors) {
    if (workers.size() != 1) {
      errors.invalid(
          path, workers.size(), "If backend type is 'vLLM', there must be exactly one worker");
    }
    for (int j = 0; j < workers.size(); j++) {
      ModelWorker w = workers.get(j);
      if (w != null && w.effectiveType() != WorkerType.SERVER) {
        errors.invalid(
            path.index(j).child("type"),
            w.effectiveType().value(),
            "If backend type is 'vLLM', the worker type must be 'server'");
      }
    }
  }

  /**
   * vLLMDisaggregated: only prefill and decode workers (webhook rule), and at least one of each
   * (docs/design.md §2.1).
   */
  private static void disaggregatedWorkers(
      List<ModelWorker> workers, FieldPath path, FieldErrors errors) {
    Set<WorkerType> seen = new HashSet<>();
    for (int j = 0; j < workers.size(); j++) {
      ModelWorker w = workers.get(j);
      if (w == null) {
        continue;
      }
      WorkerType type = w.effectiveType();
      if (type != WorkerType.PREFILL && type != WorkerType.DECODE) {
        errors.invalid(
            path.index(j).child("type"),
            type.value(),
            "If backend type is 'vLLMDisaggregated', all workers must be type 'prefill' or 'decode'");
      } else if (!seen.add(type)) {
        errors.warning(
            path.index(j).child("type"),
            type.value(),
            "several '" + type.value() + "' workers: only the last one is used");
      }
    }
    for (WorkerType needed : List.of(WorkerType.PREFILL, WorkerType.DECODE)) {
      if (!seen.contains(needed)) {
        errors.required(
            path,
            "a '" + needed.value() + "' worker is required for backend type 'vLLMDisaggregated'");
      }
    }
  }

  private static List<String> legacyFieldsSet(ModelBackend backend) {
    List<String> set = new ArrayList<>();
    if (backend.getScalingCost() != null) {
      set.add("scalingCost");
    }
    if (backend.getRouteWeight() != null) {
      set.add("routeWeight");
    }
    if (backend.getScaleToZeroGracePeriod() != null) {
      set.add("scaleToZeroGracePeriod");
    }
    if (backend.getLoraAdapters() != null) {
      set.add("loraAdapters");
    }
    if (backend.getAutoscalingPolicy() != null) {
      set.add("autoscalingPolicy");
    }
    return set;
  }

  private static void legacyFields(
      String boosterName, ModelBackend backend, FieldPath path, FieldErrors errors) {
    errors.range(path.child("scalingCost"), backend.getScalingCost(), 0, Integer.MAX_VALUE);
    errors.range(path.child("routeWeight"), backend.getRouteWeight(), 0, 100);
    AutoscalingRules.gracePeriod(
        backend.getScaleToZeroGracePeriod(), path.child("scaleToZeroGracePeriod"), errors);
    AutoscalingRules.policy(
        backend.getAutoscalingPolicy(), path.child("autoscalingPolicy"), errors);
    loraAdapters(boosterName, backend.getLoraAdapters(), path.child("loraAdapters"), errors);
  }

  private static void loraAdapters(
      String boosterName, List<LoraAdapter> adapters, FieldPath path, FieldErrors errors) {
    if (adapters == null) {
      return;
    }
    if (adapters.size() > MAX_ROUTE_LORAS) {
      errors.tooMany(
          path,
          adapters.size(),
          MAX_ROUTE_LORAS,
          " (the CRD's maxItems; a ModelRoute lists at most 10)");
    }
    Set<String> names = new HashSet<>();
    for (int j = 0; j < adapters.size(); j++) {
      LoraAdapter a = adapters.get(j);
      FieldPath p = path.index(j);
      if (a == null) {
        errors.required(p, "");
        continue;
      }
      requiredText(p.child("name"), a.getName(), errors);
      errors.pattern(
          p.child("name"), a.getName(), Patterns.DNS_LABEL, "must be a lowercase RFC 1123 label");
      requiredText(p.child("artifactURL"), a.getArtifactURL(), errors);
      errors.pattern(
          p.child("artifactURL"),
          a.getArtifactURL(),
          Patterns.LORA_URI,
          "unsupported scheme: must start with hf://, s3:// or pvc://");
      if (a.getName() != null && a.getName().equals(boosterName)) {
        errors.invalid(p.child("name"), a.getName(), "lora name cannot be the same as model name");
      } else if (a.getName() != null && !names.add(a.getName())) {
        errors.invalid(p.child("name"), a.getName(), "lora name must be unique within the backend");
      }
    }
  }

  private static Set<String> loraNames(ModelBackend backend) {
    Set<String> names = new HashSet<>();
    if (backend.getLoraAdapters() != null) {
      for (LoraAdapter a : backend.getLoraAdapters()) {
        if (a != null && a.getName() != null) {
          names.add(a.getName());
        }
      }
    }
    return names;
  }
}

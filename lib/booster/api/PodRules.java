package booster.api;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.util.List;

/**
 * What a backend passes into its pods, checked as the API server checks a pod spec: environment
 * variable names, the ConfigMaps and Secrets they refer to, the scheduler, and the cache volume.
 * The child CRDs do not check these, so without them the ModelServing is accepted and its pods are
 * refused.
 */
final class PodRules {
  /** The environment variable names every Kubernetes release accepts: printable ASCII, no '='. */
  private static final String ENV_NAME = "^[\\x20-\\x3C\\x3E-\\x7E]+$";

  /** A ConfigMap or Secret key. */
  private static final String CONFIG_KEY = "^[-._a-zA-Z0-9]+$";

  private PodRules() {}

  static void backend(ModelBackend backend, FieldPath path, FieldErrors errors) {
    env(backend.getEnv(), path.child("env"), errors);
    envFrom(backend.getEnvFrom(), path.child("envFrom"), errors);
    NameRules.subdomain(
        backend.getSchedulerName(), "a scheduler", path.child("schedulerName"), errors);
    cache(backend.getCacheURI(), path.child("cacheURI"), errors);
  }

  private static void env(List<EnvVar> env, FieldPath path, FieldErrors errors) {
    if (env == null) {
      return;
    }
    for (int i = 0; i < env.size(); i++) {
      EnvVar entry = env.get(i);
      FieldPath at = path.index(i);
      if (entry == null) {
        continue;
      }
      if (entry.getName() != null
          && !entry.getName().isEmpty()
          && !entry.getName().matches(ENV_NAME)) {
        errors.invalid(
            at.child("name"),
            entry.getName(),
            "a valid environment variable name must consist only of printable ASCII characters other than '='");
      }
      EnvVarSource from = entry.getValueFrom();
      if (from == null) {
        continue;
      }
      if (entry.getValue() != null && !entry.getValue().isEmpty()) {
        errors.invalid(at.child("valueFrom"), "", "may not be specified when `value` is not empty");
      }
      int sources = 0;
      if (from.getConfigMapKeyRef() != null) {
        sources++;
        reference(
            from.getConfigMapKeyRef().getName(),
            at.child("valueFrom").child("configMapKeyRef"),
            errors);
        key(
            from.getConfigMapKeyRef().getKey(),
            at.child("valueFrom").child("configMapKeyRef").child("key"),
            errors);
      }
      if (from.getSecretKeyRef() != null) {
        sources++;
        reference(
            from.getSecretKeyRef().getName(), at.child("valueFrom").child("secretKeyRef"), errors);
        key(
            from.getSecretKeyRef().getKey(),
            at.child("valueFrom").child("secretKeyRef").child("key"),
            errors);
      }
      sources += from.getFieldRef() != null ? 1 : 0;
      sources += from.getResourceFieldRef() != null ? 1 : 0;
      if (sources != 1) {
        errors.invalid(
            at.child("valueFrom"),
            "",
            "must specify exactly one of: `fieldRef`, `resourceFieldRef`, "
                + "`configMapKeyRef` or `secretKeyRef`");
      }
    }
  }

  private static void envFrom(List<EnvFromSource> sources, FieldPath path, FieldErrors errors) {
    if (sources == null) {
      return;
    }
    for (int i = 0; i < sources.size(); i++) {
      EnvFromSource source = sources.get(i);
      FieldPath at = path.index(i);
      if (source == null) {
        errors.required(at, "");
        continue;
      }
      if (source.getPrefix() != null
          && !source.getPrefix().isEmpty()
          && !source.getPrefix().matches(ENV_NAME)) {
        errors.invalid(
            at.child("prefix"),
            source.getPrefix(),
            "a valid environment variable name must consist only of printable ASCII characters other than '='");
      }
      boolean configMap = source.getConfigMapRef() != null;
      boolean secret = source.getSecretRef() != null;
      if (configMap == secret) {
        errors.invalid(at, "", "must specify exactly one of: `configMapRef` or `secretRef`");
      } else if (configMap) {
        reference(source.getConfigMapRef().getName(), at.child("configMapRef"), errors);
      } else {
        reference(source.getSecretRef().getName(), at.child("secretRef"), errors);
      }
    }
  }

  private static void reference(String name, FieldPath path, FieldErrors errors) {
    if (name == null || name.isEmpty()) {
      errors.required(path.child("name"), "");
    } else {
      NameRules.subdomain(name, "a ConfigMap or Secret", path.child("name"), errors);
    }
  }

  private static void key(String key, FieldPath path, FieldErrors errors) {
    if (key == null || key.isEmpty()) {
      errors.required(path, "");
    } else if (key.length() > Patterns.MAX_DNS_SUBDOMAIN || !key.matches(CONFIG_KEY)) {
      errors.invalid(
          path, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
    }
  }

  /**
   * The cache volume: a claim name for {@code pvc://}, a host directory without {@code ..}; the
   * scheme is a CRD pattern, checked with the others.
   */
  private static void cache(String uri, FieldPath path, FieldErrors errors) {
    if (uri != null && uri.matches(Patterns.CACHE_URI)) {
      CacheUris.problem(uri).ifPresent(detail -> errors.invalid(path, uri, detail));
    }
  }
}

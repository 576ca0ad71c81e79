package booster.api;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A worker's {@code resources}, checked as the API server checks a container's before any pod can
 * exist: resource names, quantities, whole numbers for extended resources (GPUs, NPUs), requests
 * within limits. The ModelServing CRD only checks the quantity pattern, so without this the
 * children are accepted and their pods never start.
 */
final class ResourceRules {
  private static final List<String> STANDARD = List.of("cpu", "memory", "ephemeral-storage");
  private static final String HUGE_PAGES = "hugepages-";

  private ResourceRules() {}

  static void resources(ResourceRequirements resources, FieldPath path, FieldErrors errors) {
    if (resources == null) {
      return;
    }
    if (resources.getClaims() != null && !resources.getClaims().isEmpty()) {
      errors.forbidden(path.child("claims"), "the pods have no spec.resourceClaims to refer to");
    }
    Map<String, BigDecimal> limits =
        quantities(resources.getLimits(), path.child("limits"), errors);
    Map<String, BigDecimal> requests =
        quantities(resources.getRequests(), path.child("requests"), errors);
    requests.forEach(
        (name, request) -> {
          BigDecimal limit = limits.get(name);
          FieldPath at = path.child("requests").key(name);
          String shown = Quantities.text(resources.getRequests().get(name));
          if (extended(name)) {
            if (limit == null) {
              // A warning, not an error: upstream's own v0.1.0 inputs request NPUs without a limit.
              errors.warning(
                  at,
                  shown,
                  "Kubernetes needs a limit for extended resources (non overcommitable) and "
                      + "refuses such pods; set limits["
                      + name
                      + "] to the same value");
            } else if (request.compareTo(limit) != 0) {
              errors.invalid(
                  at,
                  shown,
                  "must be equal to "
                      + name
                      + " limit of "
                      + Quantities.text(resources.getLimits().get(name)));
            }
          } else if (limit != null && request.compareTo(limit) > 0) {
            errors.invalid(
                at,
                shown,
                "must be less than or equal to "
                    + name
                    + " limit of "
                    + Quantities.text(resources.getLimits().get(name)));
          }
        });
  }

  /** The valid entries' values by resource name; every invalid name or quantity is recorded. */
  private static Map<String, BigDecimal> quantities(
      Map<String, Quantity> entries, FieldPath path, FieldErrors errors) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    if (entries == null) {
      return values;
    }
    entries.forEach(
        (name, quantity) -> {
          FieldPath at = path.key(name);
          if (!name(name, at, errors)) {
            return;
          }
          Optional<BigDecimal> value = Quantities.check(quantity, at, false, errors);
          if (value.isPresent() && extended(name) && value.get().stripTrailingZeros().scale() > 0) {
            errors.invalid(at, Quantities.text(quantity), "must be an integer");
          } else {
            value.ifPresent(v -> values.put(name, v));
          }
        });
    return values;
  }

  /**
   * A standard container resource, {@code hugepages-<size>}, or an extended resource {@code
   * <domain>/<name>}.
   */
  private static boolean name(String name, FieldPath path, FieldErrors errors) {
    if (STANDARD.contains(name)
        || name.startsWith(HUGE_PAGES)
            && Quantities.value(name.substring(HUGE_PAGES.length())).isPresent()) {
      return true;
    }
    if (!name.contains("/")) {
      errors.invalid(
          path,
          name,
          "must be a standard resource for containers (cpu, memory, ephemeral-storage, "
              + "hugepages-<size>) or an extended resource such as nvidia.com/gpu");
      return false;
    }
    if (!NameRules.qualifiedName(name)
        || name.contains("kubernetes.io/")
        || name.startsWith("requests.")) {
      errors.invalid(
          path,
          name,
          "must be a standard resource for containers or an extended resource name "
              + "(<domain>/<name>, e.g. nvidia.com/gpu)");
      return false;
    }
    return true;
  }

  private static boolean extended(String name) {
    return name.contains("/");
  }
}

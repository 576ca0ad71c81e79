package booster.api;

/**
 * Names the children and their pods will carry must fit Kubernetes limits (docs/design.md §2.1):
 * the booster and backend names become label values (at most 63 characters), children are named
 * {@code <booster>-<backend>}, and the Kthena ModelServing webhook wants {@code
 * <child>-<replicas>-<role>-<roleReplicas>-<workerReplicas>} to be a DNS-1035 label (so the booster
 * name must start with a letter).
 */
final class NameRules {
  private NameRules() {}

  static void boosterName(String name, FieldErrors errors) {
    FieldPath path = FieldPath.of("metadata.name");
    if (name == null || name.isEmpty()) {
      errors.required(
          path,
          "name is required (generateName is not supported: children are named after metadata.name)");
    } else if (name.length() > Patterns.MAX_LABEL_VALUE) {
      errors.invalid(
          path,
          name,
          "must be no more than 63 characters (it is the value of label "
              + "workload.serving.volcano.sh/model-name on every child)");
    } else if (!name.matches(Patterns.DNS_1035_LABEL)) {
      errors.invalid(
          path,
          name,
          "must consist of lower case alphanumeric characters or '-', start with a letter "
              + "and end with an alphanumeric character (a DNS-1035 label, because the ModelServing pod names start "
              + "with it)");
    }
  }

  /**
   * Every child is created in the booster's namespace, so it must be a namespace name (a DNS-1123
   * label).
   */
  static void namespace(String namespace, FieldErrors errors) {
    if (namespace == null || namespace.isEmpty()) {
      return;
    }
    FieldPath path = FieldPath.of("metadata.namespace");
    if (namespace.length() > Patterns.MAX_LABEL_VALUE) {
      errors.invalid(path, namespace, "must be no more than 63 characters");
    } else if (!namespace.matches(Patterns.DNS_LABEL)) {
      errors.invalid(
          path,
          namespace,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric "
              + "characters or '-', and must start and end with an alphanumeric character");
    }
  }

  /**
   * The UID becomes the {@code model-uid} label of every child. The API server assigns it, so it is
   * always a valid label value there; a manifest rendered offline may carry any text.
   */
  static void uid(String uid, FieldErrors errors) {
    if (uid != null
        && !uid.isEmpty()
        && (uid.length() > Patterns.MAX_LABEL_VALUE || !uid.matches(Patterns.LABEL_NAME))) {
      errors.invalid(
          FieldPath.of("metadata.uid"),
          uid,
          "must be a valid label value, such as a UUID (every child "
              + "carries it as label workload.serving.volcano.sh/model-uid); leave it out, the API server assigns it");
    }
  }

  /**
   * An object name the API server accepts (a DNS-1123 subdomain, at most 253 characters), else a
   * field error.
   *
   * @param what the object the name refers to, for the message ("a RuntimeClass")
   */
  static void subdomain(String name, String what, FieldPath path, FieldErrors errors) {
    if (name == null) {
      return;
    }
    if (name.length() > Patterns.MAX_DNS_SUBDOMAIN) {
      errors.invalid(
          path, name, "must be no more than " + Patterns.MAX_DNS_SUBDOMAIN + " characters");
    } else if (!name.matches(Patterns.DNS_SUBDOMAIN)) {
      errors.invalid(
          path,
          name,
          "must be a lowercase RFC 1123 subdomain (the name of "
              + what
              + "): lower case "
              + "alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character");
    }
  }

  /**
   * {@code [<DNS-1123 subdomain>/]<name>}, the name at most 63 characters: label keys, resource
   * names.
   */
  static boolean qualifiedName(String value) {
    int slash = value.indexOf('/');
    String name = slash < 0 ? value : value.substring(slash + 1);
    if (slash >= 0) {
      String prefix = value.substring(0, slash);
      if (prefix.isEmpty()
          || prefix.length() > Patterns.MAX_DNS_SUBDOMAIN
          || !prefix.matches(Patterns.DNS_SUBDOMAIN)) {
        return false;
      }
    }
    return !name.isEmpty()
        && name.length() <= Patterns.MAX_LABEL_VALUE
        && name.matches(Patterns.LABEL_NAME);
  }

  /** The child and pod names of one backend; skipped while the names themselves are invalid. */
  static void backend(
      String boosterName, ModelBackend backend, FieldPath path, FieldErrors errors) {
    String backendName = backend.getName();
    if (boosterName == null || backendName == null || !backendName.matches(Patterns.DNS_LABEL)) {
      return;
    }
    String child = boosterName + "-" + backendName;
    if (child.length() > Patterns.MAX_LABEL_VALUE) {
      errors.invalid(
          path.child("name"),
          backendName,
          "the child name \""
              + child
              + "\" (metadata.name-backend.name) "
              + "must be no more than 63 characters (it is a label value on the pods)");
      return;
    }
    String generated = longestGeneratedName(child, backend);
    if (generated.length() > Patterns.MAX_LABEL_VALUE) {
      // A warning, not an error: upstream's own v0.1.0 example (Deepseek-R1-Distill-llama-8B)
      // exceeds it.
      errors.warning(
          path.child("name"),
          backendName,
          "the Kthena ModelServing webhook checks the generated name \""
              + generated
              + "\", which is longer than 63 characters, and may reject the ModelServing; "
              + "shorten metadata.name or the backend name");
    }
  }

  /**
   * The webhook's {@code <name>-<replicas>-<role>-<roleReplicas>-<workerReplicas>}, longest over
   * the roles.
   */
  private static String longestGeneratedName(String child, ModelBackend backend) {
    int groups = backend.desiredReplicas() == null ? 1 : backend.desiredReplicas();
    String longest = "";
    if (backend.getWorkers() != null) {
      for (ModelWorker w : backend.getWorkers()) {
        if (w == null) {
          continue;
        }
        boolean server = w.effectiveType() == WorkerType.SERVER;
        String role = w.effectiveType().role();
        int workerReplicas = server ? Math.max(w.effectivePods() - 1, 0) : 0;
        String name =
            child + "-" + groups + "-" + role + "-" + w.effectiveReplicas() + "-" + workerReplicas;
        if (name.length() > longest.length()) {
          longest = name;
        }
      }
    }
    return longest;
  }

  /**
   * An extra route's child name {@code <booster>-<route>} is a DNS label (at most 63 characters),
   * as every other child name of a booster is.
   */
  static void route(String boosterName, String routeName, FieldPath path, FieldErrors errors) {
    if (boosterName == null) {
      return;
    }
    String child = boosterName + "-" + routeName;
    if (child.length() > Patterns.MAX_LABEL_VALUE) {
      errors.invalid(
          path,
          routeName,
          "the child name \""
              + child
              + "\" (metadata.name-route name) must be no more "
              + "than 63 characters");
    }
  }
}

package booster.operator;

import booster.cluster.ApiRequests.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes' RBAC authorizer for one ServiceAccount, over a set of manifests: the rules of every
 * ClusterRole bound to it cluster-wide, of every Role or ClusterRole bound to it in a namespace,
 * and of the default roles every authenticated user has (discovery, health, version, self reviews).
 * Matching follows the API server's {@code RuleAllows}: verbs, API groups, resources with {@code
 * resource/subresource} and {@code * /subresource}, {@code resourceNames}, and non-resource URLs
 * with a trailing {@code *}.
 */
final class Rbac {
  /**
   * One rule the ServiceAccount holds: where it comes from, its index in that role, and the
   * namespace it is bound in (null: every namespace and cluster-scoped requests).
   */
  record Grant(String role, int index, PolicyRule rule, String namespace, boolean fromManifests) {
    String describe() {
      return role
          + " rule "
          + index
          + " "
          + Rbac.describe(rule)
          + (namespace == null ? "" : " in " + namespace);
    }
  }

  private final List<Grant> grants;

  private Rbac(List<Grant> grants) {
    this.grants = grants;
  }

  /**
   * The rules the ServiceAccount {@code namespace/name} holds under these manifests plus the
   * defaults.
   */
  static Rbac forServiceAccount(List<HasMetadata> objects, String namespace, String name) {
    List<Grant> grants = new ArrayList<>(defaults());
    for (HasMetadata o : objects) {
      if (o instanceof ClusterRoleBinding b && binds(b.getSubjects(), namespace, name)) {
        grants.addAll(rulesOf(objects, b.getRoleRef(), null, null));
      } else if (o instanceof RoleBinding b && binds(b.getSubjects(), namespace, name)) {
        grants.addAll(
            rulesOf(
                objects,
                b.getRoleRef(),
                b.getMetadata().getNamespace(),
                b.getMetadata().getNamespace()));
      }
    }
    return new Rbac(grants);
  }

  List<Grant> grants() {
    return grants;
  }

  /**
   * The first rule allowing the request made in {@code namespace} (null for cluster-scoped), if
   * any.
   */
  Optional<Grant> allowing(Request request, String namespace) {
    return grants.stream()
        .filter(g -> inScope(g, namespace) && allows(g.rule(), request))
        .findFirst();
  }

  /**
   * Whether the grant applies to a request in {@code namespace}: a namespaced binding covers only
   * its own.
   */
  static boolean inScope(Grant grant, String namespace) {
    return grant.namespace() == null || grant.namespace().equals(namespace);
  }

  static boolean allows(PolicyRule rule, Request request) {
    if (!matches(rule.getVerbs(), request.verb())) {
      return false;
    }
    if (!request.isResourceRequest()) {
      return rule.getNonResourceURLs().stream()
          .anyMatch(
              url ->
                  url.equals("*")
                      || url.equals(request.url())
                      || (url.endsWith("*")
                          && request.url().startsWith(url.substring(0, url.length() - 1))));
    }
    return matches(rule.getApiGroups(), request.group())
        && resourceMatches(rule, request)
        && (rule.getResourceNames().isEmpty() || rule.getResourceNames().contains(request.name()));
  }

  /**
   * Each single permission a rule grants: one verb on one group/resource (and name), or one verb on
   * one URL.
   */
  static List<PolicyRule> atoms(PolicyRule rule) {
    List<PolicyRule> atoms = new ArrayList<>();
    for (String verb : rule.getVerbs()) {
      for (String url : rule.getNonResourceURLs()) {
        atoms.add(new PolicyRuleBuilder().withVerbs(verb).withNonResourceURLs(url).build());
      }
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          List<String> names =
              rule.getResourceNames().isEmpty()
                  ? java.util.Collections.singletonList(null)
                  : rule.getResourceNames();
          for (String name : names) {
            PolicyRuleBuilder atom =
                new PolicyRuleBuilder()
                    .withVerbs(verb)
                    .withApiGroups(group)
                    .withResources(resource);
            atoms.add(name == null ? atom.build() : atom.withResourceNames(name).build());
          }
        }
      }
    }
    return atoms;
  }

  static String describe(PolicyRule rule) {
    StringBuilder out = new StringBuilder("{");
    if (!rule.getNonResourceURLs().isEmpty()) {
      out.append("nonResourceURLs: ").append(quoted(rule.getNonResourceURLs())).append(", ");
    } else {
      out.append("apiGroups: ")
          .append(quoted(rule.getApiGroups()))
          .append(", resources: ")
          .append(quoted(rule.getResources()))
          .append(", ");
      if (!rule.getResourceNames().isEmpty()) {
        out.append("resourceNames: ").append(quoted(rule.getResourceNames())).append(", ");
      }
    }
    return out.append("verbs: ").append(quoted(rule.getVerbs())).append("}").toString();
  }

  /** The smallest rule that would allow the request, for a failure message to quote. */
  static PolicyRule ruleFor(Request request) {
    PolicyRuleBuilder rule = new PolicyRuleBuilder().withVerbs(request.verb());
    return request.isResourceRequest()
        ? rule.withApiGroups(request.group()).withResources(request.combinedResource()).build()
        : rule.withNonResourceURLs(request.url()).build();
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").toList().toString();
  }

  private static boolean matches(List<String> allowed, String value) {
    return allowed.contains("*") || allowed.contains(value);
  }

  private static boolean resourceMatches(PolicyRule rule, Request request) {
    for (String resource : rule.getResources()) {
      if (resource.equals("*") || resource.equals(request.combinedResource())) {
        return true;
      }
      if (request.subresource() != null && resource.equals("*/" + request.subresource())) {
        return true;
      }
    }
    return false;
  }

  private static boolean binds(List<Subject> subjects, String namespace, String name) {
    for (Subject s : subjects) {
      boolean account =
          "ServiceAccount".equals(s.getKind())
              && name.equals(s.getName())
              && namespace.equals(s.getNamespace());
      boolean group =
          "Group".equals(s.getKind())
              && List.of(
                      "system:authenticated",
                      "system:serviceaccounts",
                      "system:serviceaccounts:" + namespace)
                  .contains(s.getName());
      if (account || group) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rules of the referenced role, granted everywhere (bound by a ClusterRoleBinding) or in one
   * namespace.
   */
  private static List<Grant> rulesOf(
      List<HasMetadata> objects, RoleRef ref, String roleNamespace, String boundIn) {
    for (HasMetadata o : objects) {
      boolean named = o.getMetadata().getName().equals(ref.getName());
      if ("ClusterRole".equals(ref.getKind()) && o instanceof ClusterRole role && named) {
        return grants("ClusterRole " + ref.getName(), role.getRules(), boundIn, true);
      }
      if ("Role".equals(ref.getKind())
          && o instanceof Role role
          && named
          && Objects.equals(o.getMetadata().getNamespace(), roleNamespace)) {
        return grants(
            "Role " + roleNamespace + "/" + ref.getName(), role.getRules(), boundIn, true);
      }
    }
    throw new AssertionError(
        "a binding refers to "
            + ref.getKind()
            + " "
            + ref.getName()
            + ", which deploy/ does not define");
  }

  private static List<Grant> grants(
      String role, List<PolicyRule> rules, String namespace, boolean manifests) {
    List<Grant> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      out.add(new Grant(role, i, rules.get(i), namespace, manifests));
    }
    return out;
  }

  /**
   * Kubernetes' default ClusterRoles bound to {@code system:authenticated} (its bootstrap policy).
   */
  private static List<Grant> defaults() {
    List<Grant> out = new ArrayList<>();
    out.addAll(
        grants(
            "ClusterRole system:discovery (Kubernetes default)",
            List.of(
                new PolicyRuleBuilder()
                    .withVerbs("get")
                    .withNonResourceURLs(
                        "/livez",
                        "/readyz",
                        "/healthz",
                        "/version",
                        "/version/",
                        "/openapi",
                        "/openapi/*",
                        "/api",
                        "/api/*",
                        "/apis",
                        "/apis/*")
                    .build()),
            null,
            false));
    out.addAll(
        grants(
            "ClusterRole system:public-info-viewer (Kubernetes default)",
            List.of(
                new PolicyRuleBuilder()
                    .withVerbs("get")
                    .withNonResourceURLs("/livez", "/readyz", "/healthz", "/version", "/version/")
                    .build()),
            null,
            false));
    out.addAll(
        grants(
            "ClusterRole system:basic-user (Kubernetes default)",
            List.of(
                new PolicyRuleBuilder()
                    .withVerbs("create")
                    .withApiGroups("authorization.k8s.io")
                    .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews")
                    .build(),
                new PolicyRuleBuilder()
                    .withVerbs("create")
                    .withApiGroups("authentication.k8s.io")
                    .withResources("selfsubjectreviews")
                    .build()),
            null,
            false));
    return out;
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import booster.cluster.ApiRequests;
import booster.cluster.ApiRequests.Request;
import booster.cluster.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * deploy/'s RBAC, proven both ways against what the operator really does: every request the
 * operator's clients sent during the operator tests (recorded by {@link TestCluster}) must be
 * allowed by the rules bound to the Deployment's ServiceAccount, and every permission those rules
 * grant must have been used by some request. Requests in the namespace a test gave the operator as
 * its own count as made in the Deployment's namespace; requests in watched namespaces count as made
 * anywhere else.
 *
 * <p>Runs after the other test classes (surefire orders classes by {@link Order}); operator test
 * classes that did not run in this JVM (for example with {@code -Dtest=RbacTest}) are run first
 * from here.
 */
@Order(Integer.MAX_VALUE)
class RbacTest {
  private static final Path TABLE = Path.of("target", "rbac-requests.md");

  @Test
  void everyOperatorRequestIsAllowedAndEveryGrantIsUsed() throws IOException {
    runOperatorTestsNotYetRun();
    Map<Request, String> requests = ApiRequests.recorded();
    Assumptions.assumeFalse(
        requests.isEmpty() && !"mock".equals(TestCluster.MODE),
        "no operator requests were recorded: the requested test server was not available");
    assertFalse(requests.isEmpty(), "the operator tests recorded no requests");

    List<HasMetadata> objects = Deploy.objects();
    Deployment deployment = Deploy.deployment();
    String home = deployment.getMetadata().getNamespace();
    String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    Rbac rbac = Rbac.forServiceAccount(objects, home, account);

    List<String> denied = new ArrayList<>();
    Map<String, String> table = new TreeMap<>();
    for (Map.Entry<Request, String> entry : requests.entrySet()) {
      Request request = entry.getKey();
      String namespace = asDeployed(request, home);
      Optional<Rbac.Grant> grant = rbac.allowing(request, namespace);
      if (grant.isEmpty()) {
        denied.add(
            entry.getValue()
                + " ("
                + attributes(request, namespace, home)
                + ") is allowed by no rule: add "
                + Rbac.describe(Rbac.ruleFor(request))
                + " to "
                + (home.equals(namespace) && request.isResourceRequest()
                    ? "the Role in " + home + " (deploy/rbac.yaml)"
                    : "ClusterRole " + account + " (deploy/rbac.yaml)"));
      } else {
        boolean named = !grant.get().rule().getResourceNames().isEmpty();
        table.put(
            row(request, namespace, home, named),
            grant.get().role() + " rule " + grant.get().index());
      }
    }

    List<String> unused = new ArrayList<>();
    for (Rbac.Grant grant : rbac.grants()) {
      if (!grant.fromManifests()) {
        continue;
      }
      for (PolicyRule atom : Rbac.atoms(grant.rule())) {
        boolean used =
            requests.keySet().stream()
                .anyMatch(r -> Rbac.inScope(grant, asDeployed(r, home)) && Rbac.allows(atom, r));
        if (!used) {
          unused.add(
              grant.role()
                  + " grants "
                  + Rbac.describe(atom)
                  + " but no operator request used it: remove it"
                  + " from deploy/rbac.yaml, or add an operator test that needs it");
        }
      }
    }

    StringBuilder out =
        new StringBuilder("| request (verb group/resource, scope) | allowed by |\n|---|---|\n");
    table.forEach(
        (request, rule) ->
            out.append("| ").append(request).append(" | ").append(rule).append(" |\n"));
    out.append("\nRules:\n");
    rbac.grants().stream()
        .filter(g -> table.containsValue(g.role() + " rule " + g.index()))
        .forEach(g -> out.append("- ").append(g.describe()).append('\n'));
    Files.createDirectories(TABLE.getParent());
    Files.writeString(TABLE, out);
    System.out.println(
        "Operator requests and the rules allowing them (also in " + TABLE + "):\n" + out);

    assertEquals(List.of(), denied, "operator requests deploy/rbac.yaml does not allow");
    assertEquals(
        List.of(), unused, "permissions deploy/rbac.yaml grants that the operator never used");
  }

  /**
   * The namespace as in the cluster: the operator's own namespace in a test stands for the
   * Deployment's.
   */
  private static String asDeployed(Request request, String home) {
    return ApiRequests.isOperatorNamespace(request.namespace()) ? home : request.namespace();
  }

  private static String scope(String namespace, String home) {
    return namespace == null
        ? "cluster-wide"
        : home.equals(namespace) ? "in " + home : "in a watched namespace";
  }

  private static String attributes(Request request, String namespace, String home) {
    if (!request.isResourceRequest()) {
      return "verb " + request.verb() + ", non-resource URL " + request.url();
    }
    return "verb "
        + request.verb()
        + ", group \""
        + request.group()
        + "\", resource "
        + request.combinedResource()
        + (request.name() == null ? "" : ", name " + request.name())
        + ", "
        + scope(namespace, home);
  }

  private static String row(Request request, String namespace, String home, boolean named) {
    if (!request.isResourceRequest()) {
      return request.verb() + " " + request.url();
    }
    String group = request.group().isEmpty() ? "core" : request.group();
    return request.verb()
        + " "
        + group
        + "/"
        + request.combinedResource()
        + (named ? " " + request.name() : "")
        + ", "
        + scope(namespace, home);
  }

  /**
   * Runs the test classes of this package that use a {@link TestCluster} and have not run in this
   * JVM yet.
   */
  private static void runOperatorTestsNotYetRun() {
    List<Class<?>> missing =
        operatorTestClasses().stream().filter(c -> !ApiRequests.testClasses().contains(c)).toList();
    if (missing.isEmpty()) {
      return;
    }
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(missing.stream().map(DiscoverySelectors::selectClass).toList())
                .build(),
            summary);
    assertEquals(
        0,
        summary.getSummary().getTotalFailureCount(),
        () ->
            "the operator tests this check needs failed: "
                + summary.getSummary().getFailures().stream()
                    .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                    .toList());
  }

  private static List<Class<?>> operatorTestClasses() {
    try {
      Path dir =
          Path.of(RbacTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .resolve(RbacTest.class.getPackageName().replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        List<Class<?>> out = new ArrayList<>();
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith("Test.class") && !name.contains("$")) {
            Class<?> type =
                Class.forName(RbacTest.class.getPackageName() + "." + name.replace(".class", ""));
            if (usesTestCluster(type)) {
              out.add(type);
            }
          }
        }
        return out;
      }
    } catch (IOException | URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list the operator test classes", e);
    }
  }

  private static boolean usesTestCluster(Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == TestCluster.class) {
        return true;
      }
    }
    return false;
  }
}

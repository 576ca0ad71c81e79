package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** deploy/: least-privilege RBAC matching what the code uses, and a Deployment whose flags and probes exist. */
class DeployManifestsTest {
  private static final Set<String> CHILD_VERBS = Set.of("get", "list", "watch", "create", "update", "delete");

  private static List<HasMetadata> objects(String file) throws IOException {
    Object parsed = Serialization.unmarshal(Files.readString(Path.of("deploy", file)));
    if (parsed instanceof KubernetesList list) {
      return list.getItems();
    }
    return parsed instanceof List<?> many ? many.stream().map(HasMetadata.class::cast).toList()
        : List.of((HasMetadata) parsed);
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), type.getSimpleName());
    return found.get(0);
  }

  @Test
  void clusterRoleGrantsExactlyWhatTheOperatorUses() throws IOException {
    ClusterRole role = only(objects("rbac.yaml"), ClusterRole.class);
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : role.getRules()) {
      List<String> all = new ArrayList<>(rule.getApiGroups());
      all.addAll(rule.getResources());
      all.addAll(rule.getVerbs());
      assertFalse(all.contains("*"), "no wildcards: " + rule);
      assertFalse(rule.getResources().contains("secrets"), "no Secrets");
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          grants.add(group + "/" + resource + " " + new TreeSet<>(rule.getVerbs()));
        }
      }
    }
    Set<String> expected = new TreeSet<>();
    expected.add("workload.serving.volcano.sh/modelboosters [get, list, watch]");
    expected.add("workload.serving.volcano.sh/modelboosters/status [update]");
    expected.add("/events [create, patch]");
    for (ChildKind kind : ChildKind.values()) {
      expected.add(kind.group() + "/" + kind.plural() + " " + new TreeSet<>(CHILD_VERBS));
    }
    assertEquals(expected, grants);
    Role lease = only(objects("rbac.yaml"), Role.class);
    assertEquals(List.of("leases"), lease.getRules().get(0).getResources());
  }

  @Test
  void deploymentRunsTheEntryScriptWithRealFlagsAndProbes() throws IOException {
    Deployment deployment = only(objects("operator.yaml"), Deployment.class);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<String> args = container.getArgs();
    assertEquals("operator.java", args.get(0));
    assertTrue(Files.isRegularFile(Path.of("operator.java")));
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    OperatorOptions options = command.options();
    assertEquals(Boolean.TRUE, options.leaderElect());
    assertEquals(container.getPorts().get(0).getContainerPort(), options.healthPort());
    assertEquals("/healthz", container.getLivenessProbe().getHttpGet().getPath());
    assertEquals("/readyz", container.getReadinessProbe().getHttpGet().getPath());
    assertEquals("booster-operator", deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
  }
}

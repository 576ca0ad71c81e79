package booster.cli;

import booster.cli.TreeView.Node;
import booster.cluster.LiveChildren;
import booster.cluster.Ownership;
import booster.translate.ChildKind;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "tree",
    description = {"Show a booster's ownership tree: booster, its children, and the pods of each ModelServing.",
        "Reads one list per kind (about 7 requests), never every API type."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  # The tree of one booster",
        "  kubectl booster tree qwen",
        "",
        "  # In another namespace and context",
        "  kubectl booster tree qwen -n models --context prod"})
public class TreeCommand extends ClusterCommand {
  /** The ModelServing controller labels each pod with the name of its ModelServing. */
  static final String SERVING_NAME = "modelserving.volcano.sh/name";

  @Parameters(paramLabel = "NAME", description = "The booster.")
  String name;

  @Override
  int run(KubeSession session) {
    GenericKubernetesResource booster = Boosters.get(session.client(), session.namespace(), name);
    LiveChildren children = LiveChildren.list(session.client(), session.namespace(), name);
    Map<String, List<Pod>> pods = podsByServing(session, booster);
    List<Node> nodes = new ArrayList<>();
    for (GenericKubernetesResource child : children.all()) {
      List<Node> podNodes = ChildKind.MODEL_SERVING.kind().equals(child.getKind())
          ? pods.getOrDefault(child.getMetadata().getName(), List.of()).stream().map(TreeCommand::node).toList()
          : List.of();
      Health health = Ownership.controlledBy(child, booster) ? Health.ofChild(child)
          : new Health("-", "NotControlled", Terminal.Style.BAD);
      nodes.add(new Node(child.getMetadata().getNamespace(), child.getKind(), child.getMetadata().getName(), health,
          child.getMetadata().getCreationTimestamp(), podNodes));
    }
    Node root = new Node(booster.getMetadata().getNamespace(), booster.getKind(), booster.getMetadata().getName(),
        Health.ofBooster(booster), booster.getMetadata().getCreationTimestamp(), nodes);
    TreeView.render(root, terminal, clock.instant()).forEach(out()::println);
    return 0;
  }

  /** One LIST of the booster's pods (by the model-uid label its templates carry), grouped by ModelServing name. */
  private static Map<String, List<Pod>> podsByServing(KubeSession session, GenericKubernetesResource booster) {
    return session.client().pods().inNamespace(session.namespace())
        .withLabel(Labels.MODEL_UID, booster.getMetadata().getUid()).list().getItems().stream()
        .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().containsKey(SERVING_NAME))
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .collect(Collectors.groupingBy(p -> p.getMetadata().getLabels().get(SERVING_NAME)));
  }

  private static Node node(Pod pod) {
    return new Node(pod.getMetadata().getNamespace(), "Pod", pod.getMetadata().getName(), Health.ofPod(pod),
        pod.getMetadata().getCreationTimestamp(), List.of());
  }
}

package booster.cli;

import booster.cli.TreeView.Node;
import booster.cluster.Concurrent;
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
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * What {@code tree} shows: booster, children, and the pods of each ModelServing, read in one LIST
 * per kind. Apart from TreeCommand because picocli links each command class, which loads the
 * fabric8 types its code works with; kept here, --help and completion load none.
 */
final class TreeNodes {
  private TreeNodes() {}

  static Node read(KubeSession session, String name) {
    // The children's LISTs need only the name; the pods' LIST waits for the booster's UID.
    CompletableFuture<LiveChildren> listed =
        Concurrent.start(() -> LiveChildren.list(session.client(), session.namespace(), name));
    GenericKubernetesResource booster =
        StoredBoosters.get(session.client(), session.namespace(), name);
    Map<String, List<Node>> pods = podsByServing(session, booster);
    LiveChildren children = Concurrent.await(listed);
    List<Node> nodes = new ArrayList<>();
    for (GenericKubernetesResource child : children.all()) {
      List<Node> podNodes =
          ChildKind.MODEL_SERVING.kind().equals(child.getKind())
              ? pods.getOrDefault(child.getMetadata().getName(), List.of())
              : List.of();
      ReadyStatus health =
          Ownership.controlledBy(child, booster)
              ? ReadyStatus.ofChild(child)
              : ReadyStatus.NOT_CONTROLLED;
      nodes.add(
          new Node(
              child.getMetadata().getNamespace(),
              child.getKind(),
              child.getMetadata().getName(),
              health,
              child.getMetadata().getCreationTimestamp(),
              podNodes));
    }
    return new Node(
        booster.getMetadata().getNamespace(),
        booster.getKind(),
        booster.getMetadata().getName(),
        ReadyStatus.ofBooster(booster),
        booster.getMetadata().getCreationTimestamp(),
        nodes);
  }

  /**
   * One LIST of the booster's pods (by the model-uid label its templates carry), grouped by
   * ModelServing name.
   */
  private static Map<String, List<Node>> podsByServing(
      KubeSession session, GenericKubernetesResource booster) {
    return session
        .client()
        .pods()
        .inNamespace(session.namespace())
        .withLabel(Labels.MODEL_UID, booster.getMetadata().getUid())
        .list()
        .getItems()
        .stream()
        .filter(
            p ->
                p.getMetadata().getLabels() != null
                    && p.getMetadata().getLabels().containsKey(TreeCommand.SERVING_NAME))
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .collect(
            Collectors.groupingBy(
                p -> p.getMetadata().getLabels().get(TreeCommand.SERVING_NAME),
                Collectors.mapping(TreeNodes::node, Collectors.toList())));
  }

  private static Node node(Pod pod) {
    return new Node(
        pod.getMetadata().getNamespace(),
        "Pod",
        pod.getMetadata().getName(),
        ReadyStatus.ofPod(pod),
        pod.getMetadata().getCreationTimestamp(),
        List.of());
  }
}

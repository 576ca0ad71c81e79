package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.Children;
import booster.translate.Golden;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Objects in a TestCluster shaped like an operator-managed booster: the booster, children, pods,
 * events.
 */
final class Seeds {
  private final TestCluster cluster;

  /** The time conditions and events carry. */
  final Instant seeded;

  Seeds(TestCluster cluster) {
    this(cluster, Instant.now());
  }

  Seeds(TestCluster cluster, Instant seeded) {
    this.cluster = cluster;
    this.seeded = seeded;
  }

  /** The v0.4.0 golden input booster, stored under {@code name}. */
  ModelBooster booster(String name) {
    ModelBooster booster = Golden.input("v0.4.0", "model.yaml");
    booster.getMetadata().setName(name);
    booster.getMetadata().setNamespace(cluster.namespace());
    return Kinds.boosters(cluster.client()).resource(booster).create();
  }

  /** Sets the booster's status conditions, each {@code [type, status, reason, message]}. */
  ModelBooster status(ModelBooster booster, long observed, List<List<String>> conditions) {
    booster.setStatus(new booster.api.ModelBoosterStatus());
    booster.getStatus().setObservedGeneration(observed);
    conditions.forEach(
        c ->
            booster
                .getStatus()
                .getConditions()
                .add(condition(c.get(0), c.get(1), c.get(2), c.get(3))));
    return Kinds.boosters(cluster.client()).resource(booster).updateStatus();
  }

  GenericKubernetesResource child(
      ChildKind kind, ModelBooster booster, String name, Map<String, Object> spec) {
    GenericKubernetesResource child =
        Children.of(kind, booster, name, Labels.base(booster, "backend1"), spec);
    return Kinds.children(cluster.client(), kind)
        .inNamespace(cluster.namespace())
        .resource(child)
        .create();
  }

  /**
   * A ModelServing's replica counts and Available condition, as the ModelServing controller reports
   * them.
   */
  void servingStatus(
      GenericKubernetesResource serving, int available, String status, String reason) {
    serving.setAdditionalProperty(
        "status",
        Map.of(
            "observedGeneration",
            serving.getMetadata().getGeneration(),
            "availableReplicas",
            available,
            "replicas",
            available,
            "conditions",
            List.of(
                Map.of(
                    "type",
                    "Available",
                    "status",
                    status,
                    "reason",
                    reason,
                    "message",
                    "",
                    "lastTransitionTime",
                    seeded.toString()))));
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVING)
        .inNamespace(cluster.namespace())
        .resource(serving)
        .updateStatus();
  }

  Pod pod(ModelBooster booster, String serving, String name, String phase, boolean ready) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(cluster.namespace())
            .addToLabels(Labels.MODEL_UID, booster.getMetadata().getUid())
            .addToLabels(TreeCommand.SERVING_NAME, serving)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("engine")
            .withImage("vllm")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .addNewContainerStatus()
            .withName("engine")
            .withReady(ready)
            .endContainerStatus()
            .endStatus()
            .build();
    cluster.client().pods().inNamespace(cluster.namespace()).resource(pod).create();
    // A real API server ignores status on create; both accept it through the status subresource.
    return cluster.client().pods().inNamespace(cluster.namespace()).resource(pod).updateStatus();
  }

  void event(String boosterName, String eventName, String type, String reason, String message) {
    cluster
        .client()
        .v1()
        .events()
        .inNamespace(cluster.namespace())
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(eventName)
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("ModelBooster")
                .withName(boosterName)
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withLastTimestamp(seeded.toString())
                .build())
        .create();
  }

  Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(seeded.toString())
        .build();
  }
}

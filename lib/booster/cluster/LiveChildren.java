package booster.cluster;

import booster.translate.ChildKind;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A booster's live children, grouped by kind in apply order and sorted by name within a kind.
 * Selected by the seed label and the model-name label only: whether the booster actually controls
 * each one is {@link Ownership}'s question, so callers can also report lookalikes they do not
 * control.
 */
public final class LiveChildren {
  private final Map<ChildKind, List<GenericKubernetesResource>> byKind =
      new EnumMap<>(ChildKind.class);

  /** The kinds the children were looked up in: those the cluster serves. */
  private final Set<ChildKind> served = EnumSet.noneOf(ChildKind.class);

  private LiveChildren() {
    for (ChildKind kind : ChildKind.values()) {
      byKind.put(kind, new ArrayList<>());
    }
  }

  /** The labels a booster's children are listed by. */
  static Map<String, String> selector(String boosterName) {
    return Map.of(
        Labels.SEED_MANAGED_BY, Labels.SEED_MANAGED_BY_VALUE, Labels.MODEL_NAME, boosterName);
  }

  /**
   * One LIST per kind against the API server, all at once. A kind the cluster does not serve (404:
   * Kthena v1.0 has no AutoscalingPolicyBinding, a cluster without Kthena's autoscaler no
   * AutoscalingPolicy) has no children, so no discovery request is needed first.
   */
  public static LiveChildren list(KubernetesClient client, String namespace, String boosterName) {
    Map<ChildKind, CompletableFuture<Optional<List<GenericKubernetesResource>>>> lists =
        new EnumMap<>(ChildKind.class);
    for (ChildKind kind : ChildKind.values()) {
      lists.put(kind, Concurrent.start(() -> listOf(client, kind, namespace, boosterName)));
    }
    LiveChildren live = new LiveChildren();
    lists.forEach(
        (kind, list) -> Concurrent.await(list).ifPresent(items -> live.addAll(kind, items)));
    return live.sorted();
  }

  /** The booster's children of one kind, or empty when the cluster does not serve the kind. */
  private static Optional<List<GenericKubernetesResource>> listOf(
      KubernetesClient client, ChildKind kind, String namespace, String boosterName) {
    try {
      return Optional.of(
          Kinds.children(client, kind)
              .inNamespace(namespace)
              .withLabels(selector(boosterName))
              .list()
              .getItems());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** From objects already at hand (an informer cache), keeping only the booster's ones. */
  public static LiveChildren of(
      Map<ChildKind, ? extends Collection<GenericKubernetesResource>> objects,
      String namespace,
      String boosterName) {
    LiveChildren live = new LiveChildren();
    Map<String, String> selector = selector(boosterName);
    objects.forEach(
        (kind, items) ->
            live.addAll(
                kind,
                items.stream()
                    .filter(o -> namespace.equals(o.getMetadata().getNamespace()))
                    .filter(
                        o ->
                            o.getMetadata().getLabels() != null
                                && o.getMetadata()
                                    .getLabels()
                                    .entrySet()
                                    .containsAll(selector.entrySet()))
                    .toList()));
    return live.sorted();
  }

  /**
   * The same children without those {@code gone} says are gone already (deleted behind a lagging
   * cache).
   */
  public LiveChildren excluding(Predicate<GenericKubernetesResource> gone) {
    LiveChildren live = new LiveChildren();
    served.forEach(
        kind -> live.addAll(kind, byKind.get(kind).stream().filter(gone.negate()).toList()));
    return live;
  }

  public List<GenericKubernetesResource> of(ChildKind kind) {
    return List.copyOf(byKind.get(kind));
  }

  /** Every child, kinds in apply order. */
  public List<GenericKubernetesResource> all() {
    List<GenericKubernetesResource> all = new ArrayList<>();
    byKind.values().forEach(all::addAll);
    return all;
  }

  public Optional<GenericKubernetesResource> find(ChildKind kind, String name) {
    return byKind.get(kind).stream()
        .filter(o -> name.equals(o.getMetadata().getName()))
        .findFirst();
  }

  /** Whether the cluster serves the kind (a kind it does not serve has no children). */
  public boolean serves(ChildKind kind) {
    return served.contains(kind);
  }

  private void addAll(ChildKind kind, Collection<GenericKubernetesResource> items) {
    served.add(kind);
    byKind.get(kind).addAll(items);
  }

  private LiveChildren sorted() {
    byKind
        .values()
        .forEach(list -> list.sort(Comparator.comparing(o -> o.getMetadata().getName())));
    return this;
  }
}

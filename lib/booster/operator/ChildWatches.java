package booster.operator;

import booster.cluster.Kinds;
import booster.cluster.ObjectKey;
import booster.translate.ChildKind;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The informers on the child kinds (seed label only), one per watched namespace and kind, for
 * exactly the kinds the cluster serves: an informer on a kind that is not served would never sync
 * (Kthena v1.0 has no AutoscalingPolicyBinding), and one on a kind that went away would retry
 * forever. {@link #follow} starts and stops them as the served kinds change, without restarting
 * anything else.
 */
final class ChildWatches implements AutoCloseable {
  private static final String BY_BOOSTER = "booster";

  private final KubernetesClient client;
  private final List<String> scopes;
  private final BiFunction<ChildKind, String, ResourceEventHandler<GenericKubernetesResource>>
      handlers;
  private final Map<ChildKind, List<SharedIndexInformer<GenericKubernetesResource>>> informers =
      new ConcurrentHashMap<>();

  /**
   * @param scopes the watched namespaces; a null entry means all namespaces
   * @param handlers the event handler of each informer, by kind and namespace
   */
  ChildWatches(
      KubernetesClient client,
      List<String> scopes,
      BiFunction<ChildKind, String, ResourceEventHandler<GenericKubernetesResource>> handlers) {
    this.client = client;
    this.scopes = scopes;
    this.handlers = handlers;
  }

  /**
   * Watches exactly {@code served}: starts informers for new kinds, stops those of kinds no longer
   * served.
   *
   * @return completes when the informers started now have their initial lists
   */
  synchronized CompletableFuture<Void> follow(Set<ChildKind> served) {
    for (ChildKind kind : List.copyOf(informers.keySet())) {
      if (!served.contains(kind)) {
        informers.remove(kind).forEach(SharedIndexInformer::stop);
      }
    }
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (ChildKind kind : served) {
      if (!informers.containsKey(kind)) {
        List<SharedIndexInformer<GenericKubernetesResource>> list = new ArrayList<>();
        for (String ns : scopes) {
          SharedIndexInformer<GenericKubernetesResource> informer =
              Controller.scoped(Kinds.children(client, kind), ns)
                  .withLabel(Labels.SEED_MANAGED_BY, Labels.SEED_MANAGED_BY_VALUE)
                  .runnableInformer(0);
          informer.addIndexers(Map.of(BY_BOOSTER, o -> List.of(boosterIndex(o))));
          informer.addEventHandler(handlers.apply(kind, ns));
          list.add(informer);
        }
        informers.put(kind, list);
        list.forEach(i -> started.add(i.start().toCompletableFuture()));
      }
    }
    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
  }

  /** The kinds watched now. */
  Set<ChildKind> kinds() {
    return Set.copyOf(informers.keySet());
  }

  /** Every watched kind has its initial list. */
  boolean synced() {
    return informers.values().stream()
        .flatMap(List::stream)
        .allMatch(SharedIndexInformer::hasSynced);
  }

  /** The cached children labelled with this booster's name, by kind. */
  Map<ChildKind, Collection<GenericKubernetesResource>> of(String namespace, String boosterName) {
    Map<ChildKind, Collection<GenericKubernetesResource>> byKind = new EnumMap<>(ChildKind.class);
    String index = ObjectKey.of(namespace, boosterName);
    informers.forEach(
        (kind, list) -> {
          List<GenericKubernetesResource> items = new ArrayList<>();
          list.forEach(i -> items.addAll(i.getIndexer().byIndex(BY_BOOSTER, index)));
          byKind.put(kind, items);
        });
    return byKind;
  }

  private static String boosterIndex(HasMetadata child) {
    Map<String, String> labels = child.getMetadata().getLabels();
    return ObjectKey.of(
        child.getMetadata().getNamespace(), labels == null ? "" : labels.get(Labels.MODEL_NAME));
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(list -> list.forEach(SharedIndexInformer::stop));
    informers.clear();
  }
}

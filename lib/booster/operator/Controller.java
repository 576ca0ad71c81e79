package booster.operator;

import booster.api.ModelBooster;
import booster.cluster.Apply;
import booster.cluster.Events;
import booster.cluster.Fence;
import booster.cluster.FencedOff;
import booster.cluster.Kinds;
import booster.cluster.LiveChildren;
import booster.cluster.ObjectKey;
import booster.cluster.Ownership;
import booster.cluster.Prune;
import booster.cluster.RecentWrites;
import booster.cluster.StatusWriter;
import booster.cluster.Writes;
import booster.translate.ChildKind;
import booster.translate.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reconcile loop: informers on ModelBoosters and on the child kinds the cluster serves (seed
 * label only), a work queue keyed by booster, and N workers. Any child event (add, update, delete,
 * including tombstones) requeues the booster that controls it, resolved by the controller
 * ownerReference's kind, name and UID. Nothing starts before the cluster's Kthena is known ({@link
 * KthenaTracker}); when it changes, the child informers follow the served kinds and every booster
 * is reconciled again.
 */
final class Controller implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Controller.class.getName());

  /**
   * How long a Kthena change waits for the informers of newly served kinds before requeueing every
   * booster.
   */
  private static final Duration SYNC_WAIT = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final OperatorOptions options;
  private final Metrics metrics;
  private final WorkQueue queue;
  private final Events events;
  private final RecentWrites recent = new RecentWrites();
  private final Reconciler reconciler;
  private final KthenaTracker kthena;
  private final ChildWatches children;

  /** Read by child event handlers that may run while the booster informers are being added. */
  private final List<SharedIndexInformer<GenericKubernetesResource>> boosterInformers =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param fence whether this instance may still write (its Lease), asked before every write
   */
  Controller(
      KubernetesClient client,
      OperatorOptions options,
      Metrics metrics,
      DesiredChildren translator,
      String identity,
      Fence fence) {
    this.client = client;
    this.options = options;
    this.metrics = metrics;
    this.queue = new WorkQueue(options.backoffBase(), options.backoffMax());
    Writes writes = new Writes(client, fence, metrics);
    this.events = new Events(writes, identity);
    this.kthena =
        new KthenaTracker(
            client,
            options.kthenaVersion(),
            options.resync() == null ? Duration.ZERO : options.resync(),
            this::kthenaChanged);
    this.children = new ChildWatches(client, scopes(), ChildHandler::new);
    this.reconciler =
        new Reconciler(
            new InformerCache(),
            translator,
            kthena::current,
            new Apply(client, writes),
            new Prune(writes),
            new StatusWriter(client, writes, recent),
            events,
            recent,
            Clock.systemUTC());
    metrics.queue(queue::depth);
  }

  /**
   * Detects the cluster's Kthena; the informers and workers start with the first detection that
   * succeeds.
   */
  void start() {
    kthena.start();
  }

  private synchronized void kthenaChanged(KthenaTracker.State before, KthenaTracker.State now) {
    if (closed) {
      return;
    }
    var synced = children.follow(now.served());
    if (before == null) {
      startBoosters();
      return;
    }
    // Every booster renders differently now (or has kinds to prune): once the new kinds are cached,
    // requeue all.
    synced
        .completeOnTimeout(null, SYNC_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .thenRun(
            () ->
                boosterInformers.forEach(
                    i -> i.getStore().list().forEach(b -> queue.add(ObjectKey.of(b)))));
  }

  private void startBoosters() {
    long resync = options.resync() == null ? 0 : options.resync().toMillis();
    for (String ns : scopes()) {
      SharedIndexInformer<GenericKubernetesResource> boosters =
          scoped(Kinds.genericBoosters(client), ns).runnableInformer(resync);
      boosters.addEventHandler(new BoosterHandler(ns));
      boosterInformers.add(boosters);
    }
    boosterInformers.forEach(SharedIndexInformer::start);
    for (int i = 0; i < options.workers(); i++) {
      Thread worker = new Thread(this::work, "booster-worker-" + i);
      worker.start();
      workers.add(worker);
    }
    LOG.info(
        () ->
            "controller started: namespaces="
                + (options.namespaces().isEmpty() ? "all" : String.join(",", options.namespaces()))
                + " workers="
                + options.workers()
                + " resync="
                + options.resync());
  }

  Set<ChildKind> watchedKinds() {
    return children.kinds();
  }

  /**
   * The cluster's Kthena is known and every informer has its initial list (none waits on an
   * unserved kind).
   */
  boolean synced() {
    return kthena.current() != null
        && !boosterInformers.isEmpty()
        && boosterInformers.stream().allMatch(SharedIndexInformer::hasSynced)
        && children.synced();
  }

  private List<String> scopes() {
    List<String> scopes = new ArrayList<>(options.namespaces());
    if (scopes.isEmpty()) {
      scopes.add(null);
    }
    return scopes;
  }

  /** The handle narrowed to one namespace, or to all when {@code namespace} is null. */
  static FilterWatchListDeletable<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      scoped(
          io.fabric8.kubernetes.client.dsl.MixedOperation<
                  GenericKubernetesResource,
                  GenericKubernetesResourceList,
                  Resource<GenericKubernetesResource>>
              op,
          String namespace) {
    return namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace);
  }

  private void work() {
    while (true) {
      String key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (key == null) {
        return;
      }
      long started = System.nanoTime();
      Reconciler.Outcome outcome;
      try {
        outcome = reconciler.reconcile(key);
      } catch (FencedOff e) {
        // the lease is lost (or not renewed in time): the rest of this pass is abandoned, nothing
        // more is sent
        outcome = new Reconciler.Outcome(Reconciler.Result.FENCED, e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "reconcile of " + key + " failed", e);
        outcome = new Reconciler.Outcome(Reconciler.Result.ERROR, String.valueOf(e.getMessage()));
      } finally {
        queue.done(key);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      Duration retryIn = null;
      if (outcome.retry()) {
        retryIn = queue.retry(key);
      } else {
        queue.forget(key);
      }
      metrics.reconciled(outcome.result(), took);
      String line =
          "reconcile booster="
              + key
              + " result="
              + outcome.result().label()
              + " duration="
              + took.toMillis()
              + "ms"
              + (outcome.detail().isEmpty() ? "" : " " + outcome.detail())
              + (retryIn == null ? "" : " retryIn=" + retryIn.toMillis() + "ms");
      LOG.log(outcome.retry() ? Level.WARNING : Level.INFO, line);
    }
  }

  /**
   * Stops taking work, lets the reconciles in flight finish (bounded), then stops the informers.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    kthena.close();
    queue.close();
    for (Thread worker : workers) {
      try {
        worker.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    boosterInformers.forEach(SharedIndexInformer::stop);
    children.close();
    events.close();
  }

  /** The handler of one booster informer (one namespace, or all when {@code namespace} is null). */
  private final class BoosterHandler implements ResourceEventHandler<GenericKubernetesResource> {
    private final String namespace;

    BoosterHandler(String namespace) {
      this.namespace = namespace;
    }

    /**
     * A (re)list begins; once it completes, the status writes remembered before it give way to the
     * cache.
     */
    @Override
    public void onBeforeList(String lastSyncResourceVersion) {
      recent.listing(ModelBooster.KIND, namespace);
    }

    @Override
    public void onList(String resourceVersion, boolean remainedEmpty) {
      recent.listed(ModelBooster.KIND, namespace);
    }

    @Override
    public void onAdd(GenericKubernetesResource booster) {
      queue.add(ObjectKey.of(booster));
    }

    /**
     * Our own status writes are not news; a spec or metadata change, or a resync (same version),
     * is.
     */
    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource now) {
      var a = old.getMetadata();
      var b = now.getMetadata();
      if (Objects.equals(a.getResourceVersion(), b.getResourceVersion())
          || !Objects.equals(a.getGeneration(), b.getGeneration())
          || !Objects.equals(a.getLabels(), b.getLabels())
          || !Objects.equals(a.getAnnotations(), b.getAnnotations())
          || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())) {
        queue.add(ObjectKey.of(now));
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource booster, boolean finalStateUnknown) {
      events.recovered(booster);
      recent.forget(booster);
      LOG.info(
          () ->
              "booster "
                  + ObjectKey.of(booster)
                  + " deleted; its children go with it (owner references)");
    }
  }

  /**
   * The handler of one child informer: one kind, in one namespace (or all when {@code namespace} is
   * null).
   */
  private final class ChildHandler implements ResourceEventHandler<GenericKubernetesResource> {
    private final ChildKind kind;
    private final String namespace;

    ChildHandler(ChildKind kind, String namespace) {
      this.kind = kind;
      this.namespace = namespace;
    }

    @Override
    public void onBeforeList(String lastSyncResourceVersion) {
      recent.listing(kind.kind(), namespace);
    }

    /**
     * A (re)list completed, after a watch gap the server could not replay: the cache is what the
     * server holds. Own writes remembered from before it are dropped, and their boosters reconciled
     * against the cache: a child written and deleted during the gap is in no list and sends no
     * event, so only this finds it missing.
     */
    @Override
    public void onList(String resourceVersion, boolean remainedEmpty) {
      recent.listed(kind.kind(), namespace).forEach(this::requeueOwner);
    }

    @Override
    public void onAdd(GenericKubernetesResource child) {
      if (!recent.seen(child, false)) {
        requeueOwner(child);
      }
    }

    /** Our own create or update coming back through the watch is not news; anything else is. */
    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource now) {
      if (!recent.seen(now, false)) {
        requeueOwner(now);
      }
    }

    /** A tombstone (final state unknown) carries the last known object: handled the same way. */
    @Override
    public void onDelete(GenericKubernetesResource child, boolean finalStateUnknown) {
      recent.seen(child, true);
      requeueOwner(child);
    }

    private void requeueOwner(GenericKubernetesResource child) {
      String ns = child.getMetadata().getNamespace();
      var owner = Ownership.controllingBooster(child);
      if (owner.isPresent()) {
        GenericKubernetesResource booster = cachedBooster(ObjectKey.of(ns, owner.get().getName()));
        if (booster != null
            && Objects.equals(booster.getMetadata().getUid(), owner.get().getUid())) {
          queue.add(ObjectKey.of(booster));
        }
        return;
      }
      Map<String, String> labels = child.getMetadata().getLabels();
      if (labels != null && labels.get(Labels.MODEL_NAME) != null) {
        queue.add(ObjectKey.of(ns, labels.get(Labels.MODEL_NAME)));
      }
    }
  }

  private GenericKubernetesResource cachedBooster(String key) {
    for (SharedIndexInformer<GenericKubernetesResource> informer : boosterInformers) {
      GenericKubernetesResource found = informer.getIndexer().getByKey(key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private final class InformerCache implements Reconciler.Cache {
    @Override
    public GenericKubernetesResource booster(String key) {
      return cachedBooster(key);
    }

    @Override
    public LiveChildren children(String namespace, String boosterName) {
      return LiveChildren.of(children.of(namespace, boosterName), namespace, boosterName);
    }
  }
}

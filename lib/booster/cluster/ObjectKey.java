package booster.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The keys objects are known by: {@code namespace/name}, as the informers' indexers and the work
 * queue key them (fabric8's {@link Cache#metaNamespaceKeyFunc}), and {@code Kind/namespace/name}
 * where objects of several kinds share one map.
 */
public final class ObjectKey {
  private ObjectKey() {}

  /** {@code namespace/name}. */
  public static String of(String namespace, String name) {
    return Cache.namespaceKeyFunc(namespace, name);
  }

  /** {@code namespace/name} of the object. */
  public static String of(HasMetadata object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  /** {@code Kind/namespace/name} of the object. */
  public static String withKind(HasMetadata object) {
    return object.getKind() + "/" + of(object);
  }

  /**
   * The prefix of every {@link #withKind} key of that kind in one namespace, or in all when it is
   * null.
   */
  static String scope(String kind, String namespace) {
    return kind + "/" + (namespace == null ? "" : namespace + "/");
  }
}

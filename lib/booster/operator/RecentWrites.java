package booster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Children this operator wrote whose watch event has not arrived yet. A pass that runs before the informer saw a
 * child we just created uses the server's answer instead of creating it again (a 409 round trip). Entries go as
 * soon as any event for the object arrives, so the cache stays the source of truth.
 */
final class RecentWrites {
  private final Map<String, GenericKubernetesResource> written = new ConcurrentHashMap<>();

  void put(GenericKubernetesResource object) {
    written.put(key(object), object);
  }

  GenericKubernetesResource get(GenericKubernetesResource desired) {
    return written.get(key(desired));
  }

  void seen(HasMetadata object) {
    written.remove(key(object));
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}

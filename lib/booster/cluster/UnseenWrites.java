package booster.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this process wrote that an informer may not show yet, so that a pass running before the watch event arrives
 * reads its own write instead of the older cached object. An entry lives until its owner forgets it (the event
 * arrived) or until a list covering it completes, whichever comes first: a list is what the server holds. An informer
 * relists after a watch gap it cannot resume (410 Gone); an object written and deleted while its watch was down is in
 * no list and sends no event, so without the second rule its entry would outlive the object and hide its deletion.
 *
 * <p>Keys are paths such as {@code Kind/namespace/name}; a list covers every key under its scope (a prefix).
 *
 * @param <V> what is remembered per key
 */
public final class UnseenWrites<V> {
  private record Entry<V>(V value, long written) {
  }

  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
  /** When each scope's list in progress began, on the same clock as the entries. */
  private final Map<String, Long> listing = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong();

  public void put(String key, V value) {
    entries.put(key, new Entry<>(value, clock.incrementAndGet()));
  }

  /** The remembered value, or null. */
  public V get(String key) {
    Entry<V> entry = entries.get(key);
    return entry == null ? null : entry.value();
  }

  /** Forgets the key, but only if it still holds {@code value} (a newer write stays). */
  public void remove(String key, V value) {
    entries.computeIfPresent(key, (k, entry) -> entry.value() == value ? null : entry);
  }

  public void remove(String key) {
    entries.remove(key);
  }

  /** A list covering {@code scope} begins. */
  public void listing(String scope) {
    listing.put(scope, clock.get());
  }

  /**
   * The list covering {@code scope} completed: every entry under it written before the list began is dropped, the
   * list's answer is the truth now.
   *
   * @return the values dropped
   */
  public List<V> listed(String scope) {
    Long began = listing.remove(scope);
    List<V> dropped = new ArrayList<>();
    if (began == null) {
      return dropped;
    }
    entries.forEach((key, entry) -> {
      if (key.startsWith(scope) && entry.written() <= began && entries.remove(key, entry)) {
        dropped.add(entry.value());
      }
    });
    return dropped;
  }
}

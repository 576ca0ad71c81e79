package booster.cli;

import booster.cluster.Concurrent;
import booster.cluster.LiveChildren;
import booster.cluster.Ownership;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code status} shows about one booster: the object, its live children and its recent events
 * (7 requests).
 */
record StatusReport(
    GenericKubernetesResource booster,
    List<GenericKubernetesResource> children,
    List<Event> events) {
  static final int RECENT_EVENTS = 10;

  static StatusReport read(KubernetesClient client, String namespace, String name) {
    CompletableFuture<GenericKubernetesResource> booster =
        Concurrent.start(() -> StoredBoosters.get(client, namespace, name));
    CompletableFuture<List<GenericKubernetesResource>> children =
        Concurrent.start(() -> LiveChildren.list(client, namespace, name).all());
    CompletableFuture<List<Event>> events =
        Concurrent.start(() -> client.v1().events().inNamespace(namespace).list().getItems());
    return new StatusReport(
        Concurrent.await(booster),
        Concurrent.await(children),
        recent(Concurrent.await(events), name));
  }

  /**
   * The booster's last events. Filtered here rather than by field selector: fabric8's mock ignores
   * those.
   */
  private static List<Event> recent(List<Event> all, String name) {
    List<Event> events =
        all.stream()
            .filter(
                e ->
                    e.getInvolvedObject() != null
                        && "ModelBooster".equals(e.getInvolvedObject().getKind())
                        && name.equals(e.getInvolvedObject().getName()))
            .sorted(Comparator.comparing(StatusReport::lastSeen))
            .toList();
    return List.copyOf(events.subList(Math.max(0, events.size() - RECENT_EVENTS), events.size()));
  }

  static String lastSeen(Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
      return e.getEventTime().getTime();
    }
    return e.getMetadata().getCreationTimestamp() == null
        ? ""
        : e.getMetadata().getCreationTimestamp();
  }

  boolean controls(GenericKubernetesResource child) {
    return Ownership.controlledBy(child, booster);
  }

  /**
   * The machine-readable form of one booster without its children and events ({@code status -A -o
   * yaml}).
   */
  static Map<String, Object> summary(GenericKubernetesResource booster) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", booster.getMetadata().getName());
    out.put("namespace", booster.getMetadata().getNamespace());
    out.put("generation", booster.getMetadata().getGeneration());
    out.put("observedGeneration", booster.get("status", "observedGeneration"));
    out.put("conditions", StatusFields.conditions(booster));
    return out;
  }

  /** The machine-readable form ({@code -o yaml|json}). */
  Map<String, Object> toMap() {
    Map<String, Object> out = summary(booster);
    List<Map<String, Object>> kids = new ArrayList<>();
    for (GenericKubernetesResource child : children) {
      ReadyStatus health = ReadyStatus.ofChild(child);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", child.getKind());
      row.put("name", child.getMetadata().getName());
      row.put("ready", health.ready());
      row.put("status", health.status());
      row.put("controlled", controls(child));
      if (!StatusFields.conditions(child).isEmpty()) {
        row.put("conditions", StatusFields.conditions(child));
      }
      kids.add(row);
    }
    out.put("children", kids);
    List<Map<String, Object>> evs = new ArrayList<>();
    for (Event e : events) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("type", e.getType());
      row.put("reason", e.getReason());
      row.put("message", e.getMessage());
      row.put("count", e.getCount());
      row.put("lastSeen", lastSeen(e));
      evs.add(row);
    }
    out.put("events", evs);
    return out;
  }
}

package booster.cli;

import booster.cli.Table.Cell;
import booster.cluster.ApiErrors;
import booster.cluster.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status} without a NAME, as {@code kubectl get}: the boosters of the namespace (or every
 * namespace with {@code -A}), selected by labels, as a table (wider with {@code -o wide}), names,
 * or a List document. Kept apart from the command class so that picocli's reflection on it loads no
 * fabric8 type.
 */
final class BoosterList {
  private final List<GenericKubernetesResource> boosters;
  private final boolean allNamespaces;

  BoosterList(List<GenericKubernetesResource> boosters, boolean allNamespaces) {
    this.boosters =
        boosters.stream()
            .sorted(
                Comparator.comparing(
                        (GenericKubernetesResource b) -> b.getMetadata().getNamespace())
                    .thenComparing(b -> b.getMetadata().getName()))
            .toList();
    this.allNamespaces = allNamespaces;
  }

  /**
   * One LIST: of {@code namespace}, or of all namespaces when it is null; {@code selector} as
   * kubectl's -l.
   */
  static BoosterList read(KubeSession session, String namespace, String selector) {
    var boosters = Kinds.genericBoosters(session.client());
    var scoped = namespace == null ? boosters.inAnyNamespace() : boosters.inNamespace(namespace);
    try {
      return new BoosterList(
          (selector == null ? scoped : scoped.withLabelSelector(selector)).list().getItems(),
          namespace == null);
    } catch (KubernetesClientException e) {
      // A LIST of a served kind never answers 404 (an unknown namespace lists nothing): the kind is
      // missing.
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw new CliException(ApiErrors.MISSING_BOOSTER_CRD);
      }
      throw e;
    }
  }

  static BoosterList of(GenericKubernetesResource booster) {
    return new BoosterList(List.of(booster), false);
  }

  boolean isEmpty() {
    return boosters.isEmpty();
  }

  /** Every booster reconciled at its generation. */
  boolean reconciled() {
    return boosters.stream().allMatch(StatusFields::reconciled);
  }

  /** kubectl's words for an empty answer. */
  static String nothing(String namespace) {
    return namespace == null
        ? "No resources found"
        : "No resources found in " + namespace + " namespace.";
  }

  List<String> table(boolean wide, Terminal terminal, Instant now) {
    List<String> headers =
        new ArrayList<>(List.of("NAME", "ACTIVE", "STATUS", "GENERATION", "AGE"));
    if (allNamespaces) {
      headers.add(0, "NAMESPACE");
    }
    if (wide) {
      headers.addAll(List.of("REPLICAS", "BACKENDS", "MESSAGE"));
    }
    Table table = new Table(headers.toArray(String[]::new));
    for (GenericKubernetesResource b : boosters) {
      ReadyStatus h = ReadyStatus.ofBooster(b);
      Object observed = b.get("status", "observedGeneration");
      List<Cell> row =
          new ArrayList<>(
              List.of(
                  Cell.plain(b.getMetadata().getName()),
                  Cell.of(h.ready(), h.style(), terminal),
                  Cell.of(h.status(), h.style(), terminal),
                  Cell.plain(
                      b.getMetadata().getGeneration() + "/" + (observed == null ? "-" : observed)),
                  Cell.plain(Ages.since(b.getMetadata().getCreationTimestamp(), now))));
      if (allNamespaces) {
        row.add(0, Cell.plain(b.getMetadata().getNamespace()));
      }
      if (wide) {
        row.addAll(
            List.of(
                Cell.plain(replicas(b)),
                Cell.plain(String.join(",", backends(b))),
                Cell.plain(message(b))));
      }
      table.row(row.toArray(Cell[]::new));
    }
    return table.render("");
  }

  List<String> names() {
    return boosters.stream().map(ResourceNames::of).toList();
  }

  /** What {@code -o json} prints: a v1 List of each booster's status summary. */
  Map<String, Object> document() {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", boosters.stream().map(StatusReport::summary).toList());
    return list;
  }

  /** The backend's serving groups: a fixed count, or the autoscaling range. */
  private static String replicas(GenericKubernetesResource booster) {
    Map<String, Object> backend = booster.get("spec", "backend");
    if (backend == null) {
      return "-";
    }
    Object fixed = backend.get("replicas");
    return fixed != null
        ? String.valueOf(fixed)
        : StatusFields.text(backend.get("minReplicas"))
            + "-"
            + StatusFields.text(backend.get("maxReplicas"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> backends(GenericKubernetesResource booster) {
    Map<String, Object> backend = booster.get("spec", "backend");
    Object many = booster.get("spec", "backends");
    List<Map<String, Object>> all =
        backend != null
            ? List.of(backend)
            : many instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    return all.stream().map(b -> StatusFields.text(b.get("name"))).toList();
  }

  /** What the booster's Failed condition says, else its Active condition. */
  private static String message(GenericKubernetesResource booster) {
    Map<String, Object> failed = StatusFields.condition(booster, "Failed");
    Map<String, Object> active = StatusFields.condition(booster, "Active");
    Map<String, Object> shown =
        failed != null && "True".equals(failed.get("status")) ? failed : active;
    return shown == null ? "" : StatusFields.text(shown.get("message"));
  }
}

package booster.cli;

import booster.cli.Table.Cell;
import booster.cli.Terminal.Style;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text form of {@code status}: a describe-like header, then conditions, children and events
 * tables.
 */
final class StatusView {
  private StatusView() {}

  /**
   * @param hint shown under the generation (status --watch: the booster has not been reconciled for
   *     a while)
   */
  static List<String> render(StatusReport report, Terminal terminal, Instant now, String hint) {
    GenericKubernetesResource booster = report.booster();
    ReadyStatus health = ReadyStatus.ofBooster(booster);
    List<String> lines = new ArrayList<>();
    lines.add("Name:        " + booster.getMetadata().getName());
    lines.add("Namespace:   " + booster.getMetadata().getNamespace());
    lines.add("Status:      " + terminal.paint(health.status(), health.style()));
    lines.add("Generation:  " + generation(booster, terminal));
    if (hint != null) {
      lines.add("Hint:        " + terminal.paint(hint, Style.WARN));
    }
    lines.add("Age:         " + Ages.since(booster.getMetadata().getCreationTimestamp(), now));

    lines.add("Conditions:");
    Table conditions = new Table("TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
    for (Map<String, Object> c : StatusFields.conditions(booster)) {
      String status = StatusFields.text(c.get("status"));
      boolean good =
          "Failed".equals(c.get("type")) ? "False".equals(status) : "True".equals(status);
      conditions.row(
          Cell.plain(StatusFields.text(c.get("type"))),
          Cell.of(status, good ? Style.GOOD : Style.BAD, terminal),
          Cell.plain(StatusFields.text(c.get("reason"))),
          Cell.plain(Ages.since(StatusFields.text(c.get("lastTransitionTime")), now)),
          Cell.plain(StatusFields.text(c.get("message"))));
    }
    section(lines, conditions, terminal);

    lines.add("Children:");
    Table children = new Table("KIND", "NAME", "READY", "STATUS", "AGE");
    for (GenericKubernetesResource child : report.children()) {
      ReadyStatus h =
          report.controls(child) ? ReadyStatus.ofChild(child) : ReadyStatus.NOT_CONTROLLED;
      children.row(
          Cell.plain(child.getKind()),
          Cell.plain(child.getMetadata().getName()),
          Cell.of(h.ready(), h.style(), terminal),
          Cell.of(h.status(), h.style(), terminal),
          Cell.plain(Ages.since(child.getMetadata().getCreationTimestamp(), now)));
    }
    section(lines, children, terminal);
    autoscaling(lines, report, terminal, now);

    lines.add("Events:");
    Table events = new Table("TYPE", "REASON", "AGE", "MESSAGE");
    for (Event e : report.events()) {
      events.row(
          Cell.of(
              StatusFields.text(e.getType()),
              "Warning".equals(e.getType()) ? Style.WARN : null,
              terminal),
          Cell.plain(StatusFields.text(e.getReason())),
          Cell.plain(Ages.since(StatusReport.lastSeen(e), now)),
          Cell.plain(StatusFields.text(e.getMessage())));
    }
    section(lines, events, terminal);
    return lines;
  }

  /**
   * The conditions a Kthena v1.0 AutoscalingPolicy reports (Ready, TargetFound,
   * RatioConstraintViolated), when any policy has them: they say whether the autoscaler found the
   * ModelServing and is scaling it.
   */
  private static void autoscaling(
      List<String> lines, StatusReport report, Terminal terminal, Instant now) {
    Table table = new Table("POLICY", "TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
    for (GenericKubernetesResource child : report.children()) {
      if (!"AutoscalingPolicy".equals(child.getKind())) {
        continue;
      }
      for (Map<String, Object> c : StatusFields.conditions(child)) {
        String type = StatusFields.text(c.get("type"));
        String status = StatusFields.text(c.get("status"));
        boolean good =
            "RatioConstraintViolated".equals(type) ? "False".equals(status) : "True".equals(status);
        table.row(
            Cell.plain(child.getMetadata().getName()),
            Cell.plain(type),
            Cell.of(status, good ? Style.GOOD : Style.BAD, terminal),
            Cell.plain(StatusFields.text(c.get("reason"))),
            Cell.plain(Ages.since(StatusFields.text(c.get("lastTransitionTime")), now)),
            Cell.plain(StatusFields.text(c.get("message"))));
      }
    }
    if (!table.isEmpty()) {
      lines.add("Autoscaling:");
      lines.addAll(table.render("  "));
    }
  }

  private static String generation(GenericKubernetesResource booster, Terminal terminal) {
    Long current = booster.getMetadata().getGeneration();
    Object observed = booster.get("status", "observedGeneration");
    String text =
        (current == null ? "-" : current.toString())
            + " (observed "
            + (observed == null ? "-" : observed)
            + ")";
    boolean behind = current != null && StatusFields.number(observed, -1) < current;
    return behind ? terminal.paint(text + ", not yet reconciled", Style.WARN) : text;
  }

  private static void section(List<String> lines, Table table, Terminal terminal) {
    if (table.isEmpty()) {
      lines.add("  <none>");
    } else {
      lines.addAll(table.render("  "));
    }
  }
}

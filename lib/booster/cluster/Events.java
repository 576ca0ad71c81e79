package booster.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Core v1 events on a booster (docs/design.md §4.4), sent from one background thread so a reconcile
 * never waits for them; if the backlog is full, events are dropped (they are informational). A
 * warning repeated by the retries of one failure is sent once.
 */
public final class Events implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Events.class.getName());
  static final String COMPONENT = "booster-operator";

  private final Writes writes;
  private final String instance;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, String> lastWarning = new ConcurrentHashMap<>();
  private final Map<String, String> lastSpecWarnings = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor sender =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(1000),
          r -> {
            Thread t = new Thread(r, "booster-events");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.DiscardPolicy());

  public Events(Writes writes, String instance) {
    this.writes = writes;
    this.instance = instance;
  }

  public void normal(HasMetadata booster, String reason, String message) {
    send(booster, "Normal", reason, message);
  }

  /** A warning, unless the same one was the last warning for this booster. */
  public void warning(HasMetadata booster, String reason, String message) {
    String key = booster.getMetadata().getUid();
    if (key != null
        && (reason + ": " + message).equals(lastWarning.put(key, reason + ": " + message))) {
      return;
    }
    send(booster, "Warning", reason, message);
  }

  /**
   * Validation warnings of the booster's spec, as one {@code ValidationWarning} event; sent again
   * only when the generation or the warnings change, so resyncs do not repeat it.
   */
  public void specWarnings(HasMetadata booster, List<String> warnings) {
    String key = booster.getMetadata().getUid();
    if (warnings.isEmpty() || key == null) {
      return;
    }
    String text = String.join("; ", warnings);
    if (!(booster.getMetadata().getGeneration() + ": " + text)
        .equals(lastSpecWarnings.put(key, booster.getMetadata().getGeneration() + ": " + text))) {
      send(booster, "Warning", "ValidationWarning", text);
    }
  }

  /** The booster is healthy again: its next warning is news. */
  public void recovered(HasMetadata booster) {
    if (booster.getMetadata().getUid() != null) {
      lastWarning.remove(booster.getMetadata().getUid());
    }
  }

  private void send(HasMetadata booster, String type, String reason, String message) {
    Event event = build(booster, type, reason, message);
    sender.execute(
        () -> {
          try {
            writes.send(
                "Event",
                "create",
                c ->
                    c.v1()
                        .events()
                        .inNamespace(event.getMetadata().getNamespace())
                        .resource(event)
                        .create());
          } catch (KubernetesClientException | FencedOff e) {
            LOG.log(Level.FINE, "event not recorded: " + e.getMessage());
          }
        });
  }

  private Event build(HasMetadata booster, String type, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withName(
            booster.getMetadata().getName()
                + "."
                + Long.toHexString(System.currentTimeMillis())
                + Long.toHexString(sequence.incrementAndGet()))
        .withNamespace(booster.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(booster.getApiVersion())
        .withKind(booster.getKind())
        .withName(booster.getMetadata().getName())
        .withNamespace(booster.getMetadata().getNamespace())
        .withUid(booster.getMetadata().getUid())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(instance)
        .build();
  }

  /** Sends what is queued (bounded wait), then stops. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

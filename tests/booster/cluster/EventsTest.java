package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Which events are sent: a warning repeated by the retries of one failure goes out once, spec
 * warnings once per generation. Counted at the write fence, which refuses them, so no server is
 * needed.
 */
class EventsTest {
  private static GenericKubernetesResource booster(long generation) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("workload.serving.volcano.sh/v1alpha1")
        .withKind("ModelBooster")
        .withNewMetadata()
        .withNamespace("ns")
        .withName("demo")
        .withUid("uid-1")
        .withGeneration(generation)
        .endMetadata()
        .build();
  }

  /** How many events {@code actions} sent. */
  private static int sent(Consumer<Events> actions) {
    AtomicInteger attempts = new AtomicInteger();
    Fence counting =
        () -> {
          attempts.incrementAndGet();
          return false;
        };
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build())
            .build()) {
      Events events = new Events(new Writes(client, counting, WriteObserver.NONE), "test");
      actions.accept(events);
      events.close();
    }
    return attempts.get();
  }

  @Test
  void aRepeatedWarningIsSentOnceUntilAnotherOrARecovery() {
    assertEquals(
        1,
        sent(
            e -> {
              e.warning(booster(1), "ResourceExists", "ModelRoute r already exists");
              e.warning(booster(1), "ResourceExists", "ModelRoute r already exists");
            }));
    assertEquals(
        3,
        sent(
            e -> {
              e.warning(booster(1), "ResourceExists", "ModelRoute r already exists");
              e.warning(booster(1), "ImmutableField", "ModelRoute r: spec.modelName");
              e.warning(booster(1), "ResourceExists", "ModelRoute r already exists");
            }));
    assertEquals(
        2,
        sent(
            e -> {
              e.warning(booster(1), "ResourceExists", "ModelRoute r already exists");
              e.recovered(booster(1));
              e.warning(booster(1), "ResourceExists", "ModelRoute r already exists");
            }));
  }

  @Test
  void normalEventsAreNeverDeduplicated() {
    assertEquals(
        2,
        sent(
            e -> {
              e.normal(booster(1), "ChildrenCreated", "Created ModelRoute r");
              e.normal(booster(1), "ChildrenCreated", "Created ModelRoute r");
            }));
  }

  @Test
  void specWarningsAreSentOncePerGenerationAndText() {
    assertEquals(
        3,
        sent(
            e -> {
              e.specWarnings(booster(1), List.of("unknown KV connector"));
              e.specWarnings(booster(1), List.of("unknown KV connector"));
              e.specWarnings(booster(1), List.of());
              e.specWarnings(booster(2), List.of("unknown KV connector"));
              e.specWarnings(booster(2), List.of("unknown KV connector", "another"));
            }));
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory of our own writes bridges the wait for their watch events, and ends at the next list: a child we
 * created and someone deleted while the watch was down appears in no list and sends no event, and must not be
 * believed to exist afterwards.
 */
class RecentWritesTest {
  private static GenericKubernetesResource route(String version) {
    return new GenericKubernetesResourceBuilder().withApiVersion("networking.serving.volcano.sh/v1alpha1")
        .withKind("ModelRoute").withNewMetadata().withNamespace("ns").withName("demo").withResourceVersion(version)
        .endMetadata().build();
  }

  @Test
  void aCreateIsBelievedUntilTheNextListThenTheCacheDecides() {
    RecentWrites recent = new RecentWrites();
    GenericKubernetesResource created = route("7");
    recent.put(null, created);
    assertSame(created, recent.live(route(null), null), "before its event arrives, our create is what exists");

    recent.listing(ChildKind.MODEL_ROUTE, "ns");
    List<GenericKubernetesResource> dropped = recent.listed(ChildKind.MODEL_ROUTE, "ns");

    assertEquals(List.of(created), dropped, "its booster is reconciled again");
    assertNull(recent.live(route(null), null), "the list did not show it: it is gone");
  }

  @Test
  void aPruneIsBelievedUntilTheNextList() {
    RecentWrites recent = new RecentWrites();
    recent.deleted(route("7"));
    assertTrue(recent.deletedAlready(route("7")));
    recent.listing(ChildKind.MODEL_ROUTE, null);
    assertEquals(1, recent.listed(ChildKind.MODEL_ROUTE, null).size());
    assertFalse(recent.deletedAlready(route("7")), "a list that still shows it: it exists (again)");
  }

  @Test
  void ourEventEndsTheMemoryWithoutARequeue() {
    RecentWrites recent = new RecentWrites();
    recent.put(null, route("7"));
    assertTrue(recent.seen(route("7"), false), "our own write coming back");
    recent.listing(ChildKind.MODEL_ROUTE, "ns");
    assertEquals(List.of(), recent.listed(ChildKind.MODEL_ROUTE, "ns"));
  }
}

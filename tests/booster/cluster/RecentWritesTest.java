package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.ModelBooster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory of our own writes bridges the wait for their watch events, and ends at the next list:
 * a child we created and someone deleted while the watch was down appears in no list and sends no
 * event, and must not be believed to exist afterwards.
 */
class RecentWritesTest {
  private static GenericKubernetesResource object(String kind, String namespace, String version) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("networking.serving.volcano.sh/v1alpha1")
        .withKind(kind)
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("demo")
        .withResourceVersion(version)
        .withUid("uid-1")
        .endMetadata()
        .build();
  }

  private static GenericKubernetesResource route(String version) {
    return object("ModelRoute", "ns", version);
  }

  @Test
  void aCreateIsBelievedUntilTheNextListThenTheCacheDecides() {
    RecentWrites recent = new RecentWrites();
    GenericKubernetesResource created = route("7");
    recent.put(null, created);
    assertSame(
        created,
        recent.live(route(null), null),
        "before its event arrives, our create is what exists");

    recent.listing("ModelRoute", "ns");
    List<GenericKubernetesResource> dropped = recent.listed("ModelRoute", "ns");

    assertEquals(List.of(created), dropped, "its booster is reconciled again");
    assertNull(recent.live(route(null), null), "the list did not show it: it is gone");
  }

  @Test
  void anUpdateIsBelievedOnlyWhileTheCacheShowsTheVersionItReplaced() {
    RecentWrites recent = new RecentWrites();
    GenericKubernetesResource updated = route("8");
    recent.put(route("7"), updated);
    assertSame(updated, recent.live(route(null), route("7")));
    GenericKubernetesResource newer = route("9");
    assertSame(newer, recent.live(route(null), newer), "a newer cached version wins");
  }

  @Test
  void aPruneIsBelievedUntilTheNextList() {
    RecentWrites recent = new RecentWrites();
    recent.deleted(route("7"));
    assertTrue(recent.deletedAlready(route("7")));
    recent.listing("ModelRoute", null);
    assertEquals(1, recent.listed("ModelRoute", null).size());
    assertFalse(recent.deletedAlready(route("7")), "a list that still shows it: it exists (again)");
  }

  @Test
  void ourEventEndsTheMemoryWithoutARequeue() {
    RecentWrites recent = new RecentWrites();
    recent.put(null, route("7"));
    assertTrue(recent.seen(route("7"), false), "our own write coming back");
    recent.listing("ModelRoute", "ns");
    assertEquals(List.of(), recent.listed("ModelRoute", "ns"));
  }

  /**
   * A booster's status write, remembered beside the children's, ends with the booster's own list or
   * deletion.
   */
  @Test
  void aListEndsOnlyTheMemoryOfItsKindAndNamespace() {
    RecentWrites recent = new RecentWrites();
    GenericKubernetesResource status = object(ModelBooster.KIND, "a", "2");
    recent.put(object(ModelBooster.KIND, "a", "1"), status);
    recent.put(null, object("ModelRoute", "a", "5"));
    recent.put(null, object("ModelRoute", "b", "6"));
    recent.listing("ModelRoute", "a");
    recent.put(null, object("ModelServer", "a", "7"));
    recent.listing("ModelServer", "a");
    recent.put(object("ModelServer", "a", "7"), object("ModelServer", "a", "8"));

    assertEquals(1, recent.listed("ModelRoute", "a").size());
    assertEquals(
        List.of(),
        recent.listed("ModelServer", "a"),
        "written after its list began: may not be listed");
    assertEquals(
        List.of(), recent.listed("ModelRoute", "a"), "a list that never began drops nothing");
    assertSame(
        status,
        recent.live(object(ModelBooster.KIND, "a", "1"), object(ModelBooster.KIND, "a", "1")));
    assertEquals(
        "6", recent.live(object("ModelRoute", "b", null), null).getMetadata().getResourceVersion());

    recent.forget(status);
    GenericKubernetesResource cached = object(ModelBooster.KIND, "a", "1");
    assertSame(cached, recent.live(cached, cached), "forgotten with the booster");
  }

  @Test
  void aBoosterRecreatedUnderTheSameNameIsNotMistakenForTheOld() {
    RecentWrites recent = new RecentWrites();
    recent.put(object(ModelBooster.KIND, "a", "1"), object(ModelBooster.KIND, "a", "2"));
    GenericKubernetesResource other = object(ModelBooster.KIND, "a", "1");
    other.getMetadata().setUid("uid-2");
    assertSame(other, recent.live(other, other));
  }
}

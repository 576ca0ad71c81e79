package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Read-your-writes memory ends at the first list that began after the write, within the list's scope only. */
class UnseenWritesTest {
  @Test
  void aListDropsWhatWasWrittenBeforeItBegan() {
    UnseenWrites<String> writes = new UnseenWrites<>();
    writes.put("ModelRoute/a/one", "before");
    writes.put("ModelRoute/b/two", "other namespace");
    writes.put("ModelServer/a/one", "other kind");
    writes.listing("ModelRoute/a/");
    writes.put("ModelRoute/a/three", "during");

    assertEquals(List.of("before"), writes.listed("ModelRoute/a/"));
    assertNull(writes.get("ModelRoute/a/one"));
    assertEquals("during", writes.get("ModelRoute/a/three"), "written after the list began: the list may not show it");
    assertEquals("other namespace", writes.get("ModelRoute/b/two"));
    assertEquals("other kind", writes.get("ModelServer/a/one"));
    assertEquals(List.of(), writes.listed("ModelRoute/a/"), "a list that never began drops nothing");
  }

  @Test
  void forgettingKeepsANewerWrite() {
    UnseenWrites<String> writes = new UnseenWrites<>();
    String first = "first";
    writes.put("k", first);
    writes.put("k", "second");
    writes.remove("k", first);
    assertEquals("second", writes.get("k"));
    writes.remove("k");
    assertNull(writes.get("k"));
  }
}

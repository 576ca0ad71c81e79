package booster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import booster.cluster.Conditions.Wanted;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The condition update rule: matched by type, lastTransitionTime moves only on a flip, Failed only
 * when it matters.
 */
class ConditionsTest {
  private static final Clock T1 =
      Clock.fixed(Instant.parse("2026-01-01T10:00:00.750Z"), ZoneOffset.UTC);
  private static final Clock T2 =
      Clock.fixed(Instant.parse("2026-01-01T11:00:00Z"), ZoneOffset.UTC);

  private static final List<Wanted> GOOD =
      List.of(
          new Wanted(
              Conditions.INITIALIZED, true, Conditions.MODEL_CREATING, "ModelBooster initialized"),
          new Wanted(Conditions.ACTIVE, false, Conditions.MODEL_PROCESSING, "rolling out"),
          new Wanted(
              Conditions.FAILED, false, Conditions.RECONCILED, "All children are up to date"));
  private static final List<Wanted> BLOCKED =
      List.of(
          new Wanted(
              Conditions.INITIALIZED, true, Conditions.MODEL_CREATING, "ModelBooster initialized"),
          new Wanted(
              Conditions.ACTIVE, false, Conditions.RESOURCE_EXISTS, "ModelRoute r already exists"),
          new Wanted(
              Conditions.FAILED, true, Conditions.RESOURCE_EXISTS, "ModelRoute r already exists"));

  private static Map<String, Object> condition(Map<String, Object> status, String type) {
    return Conditions.find(status.get("conditions"), type);
  }

  @Test
  void aGoodFirstPassWritesNoFailedCondition() {
    Map<String, Object> status = Conditions.status(null, GOOD, 3, T1);
    assertEquals(3L, ((Number) status.get("observedGeneration")).longValue());
    assertEquals("True", condition(status, Conditions.INITIALIZED).get("status"));
    assertEquals(
        "2026-01-01T10:00:00Z",
        condition(status, Conditions.INITIALIZED).get("lastTransitionTime"),
        "whole seconds");
    assertNull(
        condition(status, Conditions.FAILED), "Failed is only written when True, or to clear one");
  }

  @Test
  void failedIsClearedByTheNextGoodPass() {
    Map<String, Object> failed =
        Conditions.status(Conditions.status(null, GOOD, 1, T1), BLOCKED, 1, T1);
    assertEquals("True", condition(failed, Conditions.FAILED).get("status"));
    assertEquals(Conditions.RESOURCE_EXISTS, condition(failed, Conditions.FAILED).get("reason"));

    Map<String, Object> cleared = Conditions.status(failed, GOOD, 2, T2);
    Map<String, Object> failedNow = condition(cleared, Conditions.FAILED);
    assertEquals("False", failedNow.get("status"));
    assertEquals(Conditions.RECONCILED, failedNow.get("reason"));
    assertEquals("2026-01-01T11:00:00Z", failedNow.get("lastTransitionTime"), "it flipped");
    assertEquals(
        "2026-01-01T10:00:00Z",
        condition(cleared, Conditions.INITIALIZED).get("lastTransitionTime"),
        "Initialized stayed True: its transition time stays");
    assertEquals(
        "rolling out",
        condition(cleared, Conditions.ACTIVE).get("message"),
        "reason and message current");
  }

  @Test
  void conditionsOfOtherTypesAndOtherStatusFieldsAreKept() {
    Map<String, Object> theirs = Map.of("type", "Audited", "status", "True");
    Map<String, Object> current = Map.of("conditions", List.of(theirs), "replicas", 4);
    Map<String, Object> status = Conditions.status(current, GOOD, 1, T1);
    assertEquals(4, status.get("replicas"));
    assertEquals(theirs, condition(status, "Audited"));
    assertEquals(
        List.of(Conditions.INITIALIZED, Conditions.ACTIVE, "Audited"),
        ((List<?>) status.get("conditions"))
            .stream().map(c -> ((Map<?, ?>) c).get("type")).toList());
  }
}

package booster.api;

import static booster.api.Boosters.CURRENT;
import static booster.api.Boosters.DISAGGREGATED;
import static booster.api.Boosters.ROUTED;
import static booster.api.Boosters.all;
import static booster.api.Boosters.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Findings that are reported but do not block the booster. */
class ValidationWarningsTest {
  @Test
  void unknownKvConnectorIsAWarning() {
    ModelBooster booster =
        Boosters.edited(
            DISAGGREGATED,
            set(
                "spec.backend.workers[0].config.kv-transfer-config",
                "'{\"kv_connector\":\"P2pNcclConnector\"}'"));
    assertEquals(
        List.of(
            Problem.warning(
                "spec.backend.workers[0].config.kv-transfer-config.kv_connector",
                "Invalid value: \"P2pNcclConnector\": unknown connector, the ModelServer gets no kvConnector; known: "
                    + "LMCacheConnectorV1, MooncakeConnector, MooncakeConnectorV1, NixlConnector")),
        Validation.validate(booster));
  }

  @Test
  void podsZeroOnAWorkerWithoutReplicasIsAWarning() {
    ModelBooster booster =
        Boosters.edited(
            CURRENT,
            all(
                set("spec.backend.workers[0].replicas", "0"),
                set("spec.backend.workers[0].pods", "0")));
    List<Problem> problems = Validation.validate(booster);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals("spec.backend.workers[0].pods", problems.get(0).path());
    assertEquals(1, booster.getSpec().getBackend().getWorkers().get(0).effectivePods());
  }

  @Test
  void duplicateEnvNamesAreAWarning() {
    ModelBooster booster =
        Boosters.edited(CURRENT, set("spec.backend.env[1]", "{name: HF_ENDPOINT, value: x}"));
    assertEquals(
        List.of(
            Problem.warning(
                "spec.backend.env[1].name",
                "Invalid value: \"HF_ENDPOINT\": duplicate env name; the last entry wins")),
        Validation.validate(booster));
  }

  @Test
  void maxReplicasWithoutAutoscalingIsAWarning() {
    ModelBooster booster = Boosters.edited(CURRENT, Boosters.remove("spec.autoscalingPolicy"));
    List<Problem> problems = Validation.validate(booster);
    assertEquals(
        List.of(
            Problem.warning(
                "spec.backend",
                "Invalid value: \"minReplicas=1, maxReplicas=3\": "
                    + "without autoscaling exactly minReplicas replicas run and maxReplicas has no effect")),
        problems);
  }

  @Test
  void skipInstallSwitchThatIsNoGoBooleanIsAWarning() {
    ModelBooster booster =
        Boosters.edited(
            DISAGGREGATED,
            set(
                "spec.backend.env",
                "[{name: KTHENA_SKIP_ENGINE_DEPENDENCY_INSTALL, value: 'yes'}]"));
    assertEquals(
        List.of(
            Problem.warning(
                "spec.backend.env[0].value",
                "Invalid value: \"yes\": not a literal boolean "
                    + "(true, false, 1, 0, ...), so it counts as false and the connector is installed")),
        Validation.validate(booster));
    assertFalse(booster.getSpec().getBackend().skipsEngineDependencyInstall());
  }

  /**
   * Go's ParseBool decides, the first entry wins, and valueFrom is not read (upstream v1.0
   * semantics).
   */
  @ParameterizedTest
  @CsvSource({
    "'1', true",
    "t, true",
    "T, true",
    "TRUE, true",
    "true, true",
    "True, true",
    "0, false",
    "false, false",
    "'yes', false",
    "'', false",
    "tRUE, false"
  })
  void skipInstallSwitchFollowsGoParseBool(String value, boolean skips) {
    ModelBooster booster =
        Boosters.edited(
            DISAGGREGATED,
            set(
                "spec.backend.env",
                "[{name: KTHENA_SKIP_ENGINE_DEPENDENCY_INSTALL, value: '"
                    + value
                    + "'},"
                    + " {name: KTHENA_SKIP_ENGINE_DEPENDENCY_INSTALL, value: '"
                    + !skips
                    + "'}]"));
    assertEquals(skips, booster.getSpec().getBackend().skipsEngineDependencyInstall(), value);
    ModelBooster fromSecret =
        Boosters.edited(
            DISAGGREGATED,
            set(
                "spec.backend.env",
                "[{name: KTHENA_SKIP_ENGINE_DEPENDENCY_INSTALL, valueFrom: {secretKeyRef: {name: s, key: k}}}]"));
    assertFalse(fromSecret.getSpec().getBackend().skipsEngineDependencyInstall());
  }

  @Test
  void aBudgetWithoutTokenCountsIsAWarning() {
    ModelBooster booster = Boosters.edited(ROUTED, set("spec.rateLimit", "{unit: hour}"));
    assertEquals(
        List.of(
            Problem.warning(
                "spec.rateLimit",
                "sets neither inputTokensPerUnit nor outputTokensPerUnit, so it limits nothing")),
        Validation.validate(booster));
  }

  /** The router dials one Redis, the first address it reads, for every global budget. */
  @Test
  void aSecondRedisAddressIsAWarning() {
    ModelBooster booster =
        Boosters.edited(
            ROUTED, set("spec.rateLimit.global", "{redis: {address: 'other.cache.svc:6380'}}"));
    assertEquals(
        List.of(
            Problem.warning(
                "spec.routes[0].rateLimit.global.redis.address",
                "Invalid value: \"redis.cache.svc:6379\": the Kthena router connects to one Redis (the first address it "
                    + "reads) for every global budget; other.cache.svc:6380 is named too")),
        Validation.validate(booster));
  }

  @Test
  void networkTopologyUnderAnotherSchedulerIsAWarning() {
    ModelBooster booster =
        Boosters.edited(ROUTED, set("spec.backend.schedulerName", "default-scheduler"));
    List<Problem> problems = Validation.validate(booster);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals("spec.backend.networkTopology", problems.get(0).path());
    assertEquals(
        List.of(),
        Validation.validate(Boosters.edited(ROUTED, set("spec.backend.schedulerName", "volcano"))));
  }
}

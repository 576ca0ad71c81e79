package booster.api;

import static booster.api.Boosters.CURRENT;
import static booster.api.Boosters.DISAGGREGATED;
import static booster.api.Boosters.all;
import static booster.api.Boosters.set;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings that are reported but do not block the booster. */
class ValidationWarningsTest {
  @Test
  void unknownKvConnectorIsAWarning() {
    ModelBooster booster = Boosters.edited(DISAGGREGATED,
        set("spec.backend.workers[0].config.kv-transfer-config", "'{\"kv_connector\":\"P2pNcclConnector\"}'"));
    assertEquals(List.of(Problem.warning("spec.backend.workers[0].config.kv-transfer-config.kv_connector",
        "Invalid value: \"P2pNcclConnector\": unknown connector, the ModelServer gets no kvConnector; known: "
            + "LMCacheConnectorV1, MooncakeConnector, MooncakeConnectorV1, NixlConnector")),
        Validation.validate(booster));
  }

  @Test
  void podsZeroOnAWorkerWithoutReplicasIsAWarning() {
    ModelBooster booster = Boosters.edited(CURRENT,
        all(set("spec.backend.workers[0].replicas", "0"), set("spec.backend.workers[0].pods", "0")));
    List<Problem> problems = Validation.validate(booster);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals("spec.backend.workers[0].pods", problems.get(0).path());
    assertEquals(1, booster.getSpec().getBackend().getWorkers().get(0).effectivePods());
  }

  @Test
  void duplicateEnvNamesAreAWarning() {
    ModelBooster booster = Boosters.edited(CURRENT, set("spec.backend.env[1]", "{name: HF_ENDPOINT, value: x}"));
    assertEquals(List.of(Problem.warning("spec.backend.env[1].name",
        "Invalid value: \"HF_ENDPOINT\": duplicate env name; the last entry wins")), Validation.validate(booster));
  }

  @Test
  void maxReplicasWithoutAutoscalingIsAWarning() {
    ModelBooster booster = Boosters.edited(CURRENT, Boosters.remove("spec.autoscalingPolicy"));
    List<Problem> problems = Validation.validate(booster);
    assertEquals(List.of(Problem.warning("spec.backend", "Invalid value: \"minReplicas=1, maxReplicas=3\": "
        + "without autoscaling exactly minReplicas replicas run and maxReplicas has no effect")), problems);
  }
}

package booster.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.translate.KthenaProfile;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;

/** Objects built in code can hold nulls anywhere; validation reports them and never throws. */
class ValidationNeverThrowsTest {
  static Stream<Supplier<ModelBooster>> boosters() {
    return Stream.of(
        ValidationNeverThrowsTest::noMetadataNoSpec,
        () -> named(new ModelBoosterSpec()),
        () -> named(spec(new ModelBackend(), null)),
        () -> named(spec(null, Arrays.asList(null, new ModelBackend()))),
        ValidationNeverThrowsTest::nullsInside,
        ValidationNeverThrowsTest::nullsInRoutesAndTopology);
  }

  private static ModelBooster noMetadataNoSpec() {
    ModelBooster b = new ModelBooster();
    b.setMetadata(null);
    return b;
  }

  private static ModelBooster named(ModelBoosterSpec spec) {
    ModelBooster b = new ModelBooster();
    b.setMetadata(new ObjectMeta());
    b.getMetadata().setName("x");
    b.setSpec(spec);
    return b;
  }

  private static ModelBoosterSpec spec(ModelBackend backend, List<ModelBackend> backends) {
    ModelBoosterSpec spec = new ModelBoosterSpec();
    spec.setBackend(backend);
    spec.setBackends(backends);
    return spec;
  }

  private static ModelBooster nullsInside() {
    ModelBackend backend = new ModelBackend();
    backend.setType(BackendType.VLLM_DISAGGREGATED);
    backend.setEnv(Arrays.asList(null, new EnvVar()));
    backend.setLoraAdapters(Arrays.asList(null, new LoraAdapter()));
    backend.setAutoscalingPolicy(new AutoscalingPolicySpec());
    ModelWorker worker = new ModelWorker();
    worker.setConfig(JsonNodeFactory.instance.objectNode().putNull("kv-transfer-config"));
    backend.setWorkers(Arrays.asList(null, worker, new ModelWorker()));
    AutoscalingPolicySpec policy = new AutoscalingPolicySpec();
    AutoscalingMetric metric = new AutoscalingMetric();
    metric.setTargetValue(new Quantity());
    policy.setMetrics(Arrays.asList(null, metric));
    policy.setBehavior(new AutoscalingBehavior());
    policy.getBehavior().setScaleUp(new ScaleUpBehavior());
    policy.getBehavior().getScaleUp().setPanicPolicy(new PanicRule());
    policy.getBehavior().setScaleDown(new ScalingRule());
    ModelMatch match = new ModelMatch();
    Map<String, StringMatch> headers = new HashMap<>();
    headers.put("h", null);
    match.setHeaders(headers);
    ModelBoosterSpec spec = spec(null, new ArrayList<>(List.of(backend)));
    spec.setAutoscalingPolicy(policy);
    spec.setModelMatch(match);
    return named(spec);
  }

  private static ModelBooster nullsInRoutesAndTopology() {
    ModelBackend backend = new ModelBackend();
    backend.setNetworkTopology(new NetworkTopology());
    backend.getNetworkTopology().setGroupPolicy(new TopologyPolicy());
    ModelBoosterSpec spec = spec(backend, null);
    RateLimit limit = new RateLimit();
    limit.setGlobal(new GlobalRateLimit());
    limit.getGlobal().setRedis(new RedisConfig());
    spec.setRateLimit(limit);
    spec.setParentRefs(Arrays.asList(null, new ParentReference()));
    RouteSpec route = new RouteSpec();
    route.setRateLimit(new RateLimit());
    route.setParentRefs(Arrays.asList(new ParentReference(), null));
    route.setModelMatch(new ModelMatch());
    spec.setRoutes(Arrays.asList(null, route, new RouteSpec()));
    return named(spec);
  }

  @ParameterizedTest
  @MethodSource("boosters")
  void reportsErrorsWithoutThrowing(Supplier<ModelBooster> make) {
    ModelBooster booster = make.get();
    List<Problem> problems = Validation.validate(booster);
    assertTrue(problems.stream().anyMatch(Problem::isError), problems.toString());
    assertFalse(
        problems.stream().anyMatch(p -> p.path() == null || p.path().isEmpty()),
        problems.toString());
    assertThrows(
        InvalidInputException.class,
        () -> new Translator(TranslatorConfig.defaults(KthenaProfile.V1_0)).translate(booster));
  }
}

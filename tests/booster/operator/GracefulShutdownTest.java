package booster.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.cluster.Fence;
import booster.cluster.TestCluster;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopping (what SIGTERM triggers through the shutdown hook) lets the reconcile in flight finish.
 */
@Timeout(60)
class GracefulShutdownTest {
  @RegisterExtension static final TestCluster cluster = new TestCluster();

  @Test
  void closeFinishesTheReconcileInFlight() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    DesiredChildren slow =
        (booster, profile, warnings) -> {
          entered.countDown();
          Running.sleep(700);
          return new Translator(TranslatorConfig.defaults().withProfile(profile))
              .translate(booster, warnings);
        };
    Controller controller =
        new Controller(
            cluster.newClient(),
            Running.options(cluster).build(),
            new Metrics(),
            slow,
            "test",
            Fence.OPEN);
    controller.start();
    String name =
        Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null))
            .getMetadata()
            .getName();
    assertTrue(entered.await(15, TimeUnit.SECONDS), "a reconcile started");
    controller.close();
    assertTrue(
        Running.conditionIs(cluster, name, "Initialized", "True"),
        "the pass in flight applied the children and wrote the status before close() returned");
  }
}

package booster.bench;

import booster.api.ManifestReader;
import booster.api.ModelBooster;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Translator throughput on one thread: renders per second of a disaggregated booster and of a
 * three-backend legacy booster, as the median of several timed rounds after a warm-up. Seconds are
 * the thread's CPU time, so other processes competing for the cores do not count against it. Each
 * figure is also given as a ratio to a baseline measured in the same run (a JSON round trip of the
 * same booster). Not a test: run it by hand (see README).
 *
 * <p>Arguments (all optional): rounds (default 7), milliseconds per round (1000), warm-up
 * milliseconds (3000).
 */
public final class TranslatorBenchmark {
  private static final List<String> EXAMPLES =
      List.of("prefill-decode.yaml", "legacy-multi-backend.yaml");

  /** Results are summed into here so the JIT cannot drop the measured work. */
  private static volatile long blackhole;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private TranslatorBenchmark() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    long roundMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    long warmupMillis = args.length > 2 ? Long.parseLong(args[2]) : 3000;
    Translator translator = new Translator(TranslatorConfig.defaults());
    System.out.printf(
        "Translator throughput per CPU-second of one thread, %d rounds of %d ms after %d ms warm-up "
            + "(median [min-max])%n",
        rounds, roundMillis, warmupMillis);
    for (String example : EXAMPLES) {
      ModelBooster booster = read(Path.of("examples", example));
      ToIntFunction<ModelBooster> translate = b -> translator.translate(b).size();
      KubernetesSerialization json = new KubernetesSerialization();
      ToIntFunction<ModelBooster> roundTrip =
          b -> json.unmarshal(json.asJson(b), ModelBooster.class).getSpec().allBackends().size();
      double[] renders = measure(translate, booster, rounds, roundMillis, warmupMillis);
      double[] baseline = measure(roundTrip, booster, rounds, roundMillis, warmupMillis);
      System.out.printf(
          "  %-28s %,10.0f renders/s [%,.0f-%,.0f], %d children each%n",
          example,
          median(renders),
          renders[0],
          renders[renders.length - 1],
          translator.translate(booster).size());
      System.out.printf(
          "  %-28s %,10.0f JSON round trips/s of the booster (baseline); render = %.1f round trips%n",
          "", median(baseline), median(baseline) / median(renders));
    }
  }

  private static ModelBooster read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ManifestReader.read(file.toString(), in).get(0);
    }
  }

  /** Operations per second of each round, sorted. */
  private static double[] measure(
      ToIntFunction<ModelBooster> work,
      ModelBooster booster,
      int rounds,
      long roundMillis,
      long warmupMillis) {
    run(work, booster, warmupMillis);
    double[] perSecond = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long[] done = run(work, booster, roundMillis);
      perSecond[r] = done[0] * 1e9 / done[1];
    }
    Arrays.sort(perSecond);
    return perSecond;
  }

  /**
   * {operations, CPU nanoseconds of this thread} for one stretch of {@code millis} wall-clock time.
   */
  private static long[] run(ToIntFunction<ModelBooster> work, ModelBooster booster, long millis) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000;
    long ops = 0;
    long sum = 0;
    long now;
    do {
      for (int i = 0; i < 16; i++) {
        sum += work.applyAsInt(booster);
      }
      ops += 16;
      now = System.nanoTime();
    } while (now < deadline);
    blackhole += sum;
    return new long[] {ops, THREADS.getCurrentThreadCpuTime() - cpuStart};
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operator in a JVM of its own, so a test can do to it what an orchestrator or the operating
 * system does to a pod: {@code kill -9} it, or freeze it with {@code SIGSTOP} (a long GC pause, a
 * frozen VM) and thaw it with {@code SIGCONT}. {@link #main} is the child's entry; its log is kept
 * for failure messages.
 */
final class OperatorProcess implements AutoCloseable {
  /**
   * What the child prints once its caches are synced (or, with leader election, once it stands by).
   */
  private static final String READY = "operator process ready";

  /**
   * Leader election timings short enough for a test: a deposed leader is replaced within seconds.
   */
  static final Duration LEASE = Duration.ofSeconds(3);

  static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
  static final Duration RETRY_PERIOD = Duration.ofMillis(300);

  private final Process process;
  private final Path log;
  private final String identity;

  private OperatorProcess(Process process, Path log, String identity) {
    this.process = process;
    this.log = log;
    this.identity = identity;
  }

  /**
   * Starts an operator on {@code server} (a proxy's URL) watching {@code namespace}; with a
   * non-null {@code leaseNamespace} it runs only while holding a short Lease there, as {@code
   * identity}.
   */
  static OperatorProcess start(
      Path dir, String server, String namespace, String leaseNamespace, String identity) {
    try {
      Path log = Files.createTempFile(dir, identity + "-", ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  OperatorProcess.class.getName(),
                  server,
                  namespace,
                  identity));
      if (leaseNamespace != null) {
        command.add(leaseNamespace);
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      OperatorProcess started = new OperatorProcess(process, log, identity);
      Running.await(
          identity + " started",
          Duration.ofSeconds(60),
          () -> started.log().contains(READY) || !process.isAlive());
      assertEquals(true, process.isAlive(), identity + " exited:\n" + started.log());
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String identity() {
    return identity;
  }

  /** {@code kill -9}: no shutdown hook, no lease release, work in flight cut off. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code kill -STOP}: every thread frozen, sockets left open. */
  void pause() {
    signal("-STOP");
  }

  /** {@code kill -CONT}. */
  void resume() {
    signal("-CONT");
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill " + signal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      resume();
      kill();
    }
  }

  /** The child: {@code SERVER NAMESPACE IDENTITY [LEASE_NAMESPACE]}. */
  public static void main(String[] args) throws InterruptedException {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl(args[0]).withNamespace(args[1]).build())
            .build();
    OperatorOptions.Builder options =
        OperatorOptions.builder()
            .namespaces(List.of(args[1]))
            .resync(Duration.ZERO)
            .healthPort(-1)
            .translator(TranslatorConfig.defaults())
            .backoff(Duration.ofMillis(50), Duration.ofSeconds(2))
            .leaderElect(args.length > 3);
    if (args.length > 3) {
      options.lease(
          new OperatorOptions.Lease(
              args[3], "booster-operator", args[2], LEASE, RENEW_DEADLINE, RETRY_PERIOD));
    }
    Operator operator = new Operator(client, options.build()).start();
    while (!operator.ready()) {
      Thread.sleep(50);
    }
    System.out.println(READY);
    operator.awaitStop();
    System.out.println(
        "operator process stopped" + (operator.lostLease() ? ": lost the lease" : ""));
    System.exit(operator.lostLease() ? 1 : 0);
  }
}

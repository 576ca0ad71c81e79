package booster.cli;

import booster.api.InvalidInputException;
import booster.cluster.ApiErrors;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that talks to the cluster: kubectl's connection flags, one client per run, and every
 * failure printed as one line (kubectl's wording where it has one) with a non-zero exit code.
 */
abstract class ClusterCommand implements Callable<Integer> {
  /** The exit code of a command stopped by Ctrl-C, as a shell reports it (128 + SIGINT). */
  static final int INTERRUPTED = 130;

  @ParentCommand BoosterCommand root;

  @Mixin HelpOptions help = new HelpOptions();

  @Mixin KubeOptions kube = new KubeOptions();

  @Mixin NamespaceOptions namespace = new NamespaceOptions();

  @Mixin KthenaVersionOptions kthenaVersion = new KthenaVersionOptions();

  @Spec CommandSpec spec;

  /** Ages are measured against this; tests fix it. */
  Clock clock = Clock.systemUTC();

  /** Decided at run time from the environment; tests set it first. */
  Terminal terminal;

  /**
   * Checks the arguments before anything connects, so a usage mistake is reported as one (exit 2)
   * even without a kubeconfig; throws picocli's ParameterException.
   */
  void checkArguments() {}

  /** Runs with a connected session; returns the exit code. */
  abstract int run(KubeSession session) throws Exception;

  /** Exit code for a failure; {@code diff} uses 2 because 1 means "differences found". */
  int failureExitCode() {
    return BoosterCommand.FAILED;
  }

  /**
   * Connects, runs with the session, and turns every failure into one printed line and an exit
   * code.
   */
  @Override
  public Integer call() {
    checkArguments();
    kthenaVersion.value(root.environment());
    if (terminal == null) {
      terminal = Terminal.detect(root.environment());
    }
    PrintWriter out = out();
    PrintWriter err = err();
    String server = "the configured server";
    try (KubeSession session = KubeClients.connect(kube, namespace.given(), err)) {
      server = session.server();
      return run(session);
    } catch (InvalidInputException problems) {
      problems.getMessage().lines().forEach(line -> err.println("error: " + line));
      return failureExitCode();
    } catch (CliException e) {
      err.println("error: " + e.getMessage());
      return Math.max(e.exitCode(), failureExitCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return INTERRUPTED;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        // Ctrl-C in a live view interrupts a request in flight: stop like kubectl, without an error
        // line.
        return INTERRUPTED;
      }
      err.println(ApiErrors.message(e, server));
      return failureExitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}

package booster.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that talks to the cluster: kubectl's connection flags, one client per run, and every failure printed
 * as one line (kubectl's wording where it has one) with a non-zero exit code.
 */
abstract class ClusterCommand implements Callable<Integer> {
  @ParentCommand
  BoosterCommand root;

  @Mixin
  HelpOption help = new HelpOption();

  @Mixin
  KubeOptions kube = new KubeOptions();

  @Mixin
  NamespaceOptions namespace = new NamespaceOptions();

  @Mixin
  KthenaVersionOption kthenaVersion = new KthenaVersionOption();

  @Spec
  CommandSpec spec;

  /** Ages are measured against this; tests fix it. */
  Clock clock = Clock.systemUTC();

  /** Decided at run time from the environment; tests set it first. */
  Terminal terminal;

  /**
   * Checks the arguments before anything connects, so a usage mistake is reported as one (exit 2) even without a
   * kubeconfig; throws picocli's ParameterException.
   */
  void checkArguments() {
  }

  /** Runs with a connected session; returns the exit code. */
  abstract int run(KubeSession session) throws Exception;

  /** Exit code for a failure; {@code diff} uses 2 because 1 means "differences found". */
  int failureExitCode() {
    return 1;
  }

  @Override
  public Integer call() {
    checkArguments();
    kthenaVersion.value(root.environment());
    if (terminal == null) {
      terminal = Terminal.detect(root.environment());
    }
    return ClusterRun.run(kube, namespace.given(), out(), err(), failureExitCode(), this::run);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}

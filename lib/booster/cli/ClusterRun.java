package booster.cli;

import booster.api.InvalidInputException;
import booster.cluster.ApiErrors;
import java.io.PrintWriter;
import java.util.Optional;

/** Connects, runs a body with the session, and turns every failure into one printed line and an exit code. */
final class ClusterRun {
  /** The work done with a connected session; returns the exit code. */
  interface Body {
    int run(KubeSession session) throws Exception;
  }

  private ClusterRun() {
  }

  /** @param failureExitCode the exit code of a failure ({@code diff} uses 2: 1 means "differences found") */
  static int run(KubeOptions kube, Optional<String> namespace, PrintWriter out, PrintWriter err,
      int failureExitCode, Body body) {
    String server = "the configured server";
    try (KubeSession session = KubeClients.connect(kube, namespace, err)) {
      server = session.server();
      return body.run(session);
    } catch (InvalidInputException problems) {
      problems.getMessage().lines().forEach(line -> err.println("error: " + line));
      return failureExitCode;
    } catch (CliException e) {
      err.println("error: " + e.getMessage());
      return Math.max(e.exitCode(), failureExitCode);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        // Ctrl-C in a live view interrupts a request in flight: stop like kubectl, without an error line.
        return 130;
      }
      err.println(ApiErrors.message(e, server));
      return failureExitCode;
    } finally {
      out.flush();
      err.flush();
    }
  }
}

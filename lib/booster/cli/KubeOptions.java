package booster.cli;

import booster.api.GoDuration;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * kubectl's connection flags, with kubectl's names, so a plugin command line reads like a kubectl
 * one.
 */
final class KubeOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      order = HelpOrder.CONNECTION,
      description =
          "Path to the kubeconfig file (default: $KUBECONFIG, several files separated by ':', or ~/.kube/config).")
  String kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      order = HelpOrder.CONNECTION,
      description = "The kubeconfig context to use.")
  String context;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      order = HelpOrder.CONNECTION,
      description = "The kubeconfig cluster to use.")
  String cluster;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      order = HelpOrder.CONNECTION,
      description = "The kubeconfig user to use.")
  String user;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      order = HelpOrder.CONNECTION,
      defaultValue = "0",
      converter = GoDuration.Converter.class,
      description =
          "How long to wait for a single server request, e.g. 5s, 1m, 500ms; 0 waits as long as the connection lives (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  @Option(
      names = {"-v", "--v"},
      paramLabel = "N",
      order = HelpOrder.CONNECTION,
      defaultValue = "0",
      description =
          "Number for the log level verbosity: 6 logs every API request on stderr, 7 also its headers, 8 "
              + "also the bodies.")
  int verbosity;

  String kubeconfig() {
    return kubeconfig;
  }

  String context() {
    return context;
  }

  String cluster() {
    return cluster;
  }

  String user() {
    return user;
  }

  /** The request timeout in milliseconds; 0 means none. */
  long requestTimeoutMillis() {
    return requestTimeout.toMillis();
  }
}

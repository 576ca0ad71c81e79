package booster.operator;

import booster.api.GoDuration;
import booster.cluster.ApiErrors;
import booster.cluster.Kinds;
import booster.cluster.KthenaVersion;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operator's command line; {@code operator.java} hands argv here. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description =
        "Reconciles ModelBoosters into ModelServing, ModelServer, ModelRoute and autoscaling children.")
public final class OperatorCommand implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(Operator.class.getName());

  @Option(
      names = "--namespaces",
      split = ",",
      paramLabel = "NS",
      description = "Watch only these namespaces (comma-separated). Default: all namespaces.")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--workers",
      defaultValue = "" + OperatorOptions.DEFAULT_WORKERS,
      description = "Reconcile worker threads (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--resync",
      defaultValue = OperatorOptions.DEFAULT_RESYNC,
      converter = GoDuration.Converter.class,
      description =
          "Re-reconcile every booster this often, e.g. 30s, 10m; 0 turns it off (default: ${DEFAULT-VALUE}).")
  Duration resync;

  @Option(
      names = "--leader-elect",
      arity = "0..1",
      fallbackValue = "true",
      description = "Run only while holding the Lease. Default: on inside a cluster, off outside.")
  Boolean leaderElect;

  @Option(
      names = "--lease-namespace",
      description = "Namespace of the Lease (default: the pod's namespace).")
  String leaseNamespace;

  @Option(
      names = "--lease-name",
      defaultValue = OperatorOptions.DEFAULT_LEASE_NAME,
      description = "Name of the Lease.")
  String leaseName;

  @Option(
      names = "--health-port",
      defaultValue = "" + OperatorOptions.DEFAULT_HEALTH_PORT,
      description =
          "Port of /healthz, /readyz and /metrics; -1 turns them off (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(
      names = "--downloader-image",
      description = "Model downloader image (env BOOSTER_DOWNLOADER_IMAGE).")
  String downloaderImage;

  @Option(
      names = "--runtime-image",
      description = "Runtime sidecar image (env BOOSTER_RUNTIME_IMAGE).")
  String runtimeImage;

  @Option(
      names = KthenaVersion.FLAG,
      paramLabel = "auto|v0.4|v1.0",
      description =
          "The Kthena release to write children for: auto (default; detected from the cluster at start-up "
              + "and every resync), v0.4 or v1.0. Env "
              + KthenaVersion.ENV
              + ".")
  String kthenaVersion;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig for a run outside the cluster (default: $KUBECONFIG or ~/.kube/config; inside a pod, "
              + "its service account).")
  String kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use (default: the " + "current context).")
  String context;

  @Option(
      names = "--fail-fast",
      description =
          "Exit 1 at once when the API server cannot be reached at start-up "
              + "(default: log the cause and retry, 1s doubling to 30s).")
  boolean failFast;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log every request detail (FINE level).")
  boolean verbose;

  /**
   * Start-up retries while the API server cannot be reached: the first pause, doubling up to the
   * last.
   */
  Duration firstRetry = Duration.ofSeconds(1);

  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  /** Counts and ports, said in words rather than Java's ("is not an int"). */
  private static final CommandLine.ITypeConverter<Integer> WHOLE_NUMBER =
      value -> {
        try {
          return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
          throw new CommandLine.TypeConversionException(
              "not a whole number between "
                  + Integer.MIN_VALUE
                  + " and "
                  + Integer.MAX_VALUE
                  + ": "
                  + value);
        }
      };

  public static int run(String... args) {
    return commandLine(new OperatorCommand()).execute(args);
  }

  /** The command line of {@code command}, with the operator's converters. */
  static CommandLine commandLine(OperatorCommand command) {
    return new CommandLine(command)
        .registerConverter(Integer.class, WHOLE_NUMBER)
        .registerConverter(int.class, WHOLE_NUMBER);
  }

  OperatorOptions options() {
    OperatorOptions.Lease lease = OperatorOptions.Lease.defaults();
    OperatorOptions.Builder options = OperatorOptions.builder();
    TranslatorConfig images = options.build().translator().with(downloaderImage, runtimeImage);
    return options
        .namespaces(namespaces)
        .workers(workers)
        .resync(resync)
        .leaderElect(leaderElect)
        .healthPort(healthPort)
        .translator(images)
        .kthenaVersion(kthenaVersion())
        .lease(
            new OperatorOptions.Lease(
                leaseNamespace,
                leaseName,
                lease.identity(),
                lease.duration(),
                lease.renewDeadline(),
                lease.retryPeriod()))
        .build();
  }

  private KthenaVersion kthenaVersion() {
    try {
      return KthenaVersion.of(kthenaVersion, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    if (workers < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--workers must be at least 1");
    }
    kthenaVersion();
    Config config = config();
    Logs.setup(verbose ? Level.FINE : Level.INFO);
    LOG.info(
        () ->
            "API server "
                + config.getMasterUrl()
                + " ("
                + (config.getCurrentContext() == null
                    ? "in-cluster service account"
                    : "kubeconfig context " + config.getCurrentContext().getName())
                + ")");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      return canListBoosters(config) ? runOperator(client) : 1;
    }
  }

  /**
   * The client configuration: {@code --kubeconfig} and {@code --context}, else fabric8's (and
   * kubectl's) search.
   */
  private Config config() {
    if (kubeconfig != null && !new File(kubeconfig).isFile()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--kubeconfig: no such file: " + kubeconfig);
    }
    Config config =
        kubeconfig != null
            ? Config.fromKubeconfig(context, new File(kubeconfig))
            : Config.autoConfigure(context);
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "context \"" + context + "\" does not exist");
    }
    return config;
  }

  /**
   * One LIST of at most one booster before anything starts, so each problem is one clear log line:
   * an unreachable API server is retried (each attempt logged) unless {@code --fail-fast}; a
   * missing ModelBooster CRD or a missing permission ends the process with exit 1.
   */
  private boolean canListBoosters(Config config) {
    String server = config.getMasterUrl();
    ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
    // The probe answers at once: fabric8's own retries would be silent.
    Config once = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(once).build()) {
      Duration pause = firstRetry;
      for (int attempt = 1; ; attempt++) {
        try {
          var boosters = Kinds.genericBoosters(probe);
          (namespaces.isEmpty()
                  ? boosters.inAnyNamespace()
                  : boosters.inNamespace(namespaces.get(0)))
              .list(one);
          if (attempt > 1) {
            int attempts = attempt;
            LOG.info(() -> "API server " + server + " answered after " + attempts + " attempts");
          }
          return true;
        } catch (KubernetesClientException e) {
          if (!unreachable(e)) {
            // A LIST of a served kind never answers 404: the kind itself is missing.
            LOG.severe(
                e.getCode() == HttpURLConnection.HTTP_NOT_FOUND
                    ? "error: " + ApiErrors.MISSING_BOOSTER_CRD
                    : ApiErrors.message(e, server));
            return false;
          }
          if (failFast) {
            LOG.severe(ApiErrors.message(e, server) + " (--fail-fast)");
            return false;
          }
          LOG.warning(
              ApiErrors.message(e, server)
                  + "; retrying in "
                  + seconds(pause)
                  + " (attempt "
                  + attempt
                  + "; --fail-fast exits instead)");
          try {
            Thread.sleep(pause.toMillis());
          } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
          }
          pause =
              pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
        }
      }
    }
  }

  private static String seconds(Duration pause) {
    return pause.toMillis() % 1000 == 0 ? pause.toSeconds() + "s" : pause.toMillis() + "ms";
  }

  /** No answer, or one saying the server cannot serve now: worth another try. */
  private static boolean unreachable(KubernetesClientException e) {
    return e.getCode() <= 0 || e.getCode() >= 500 || e.getCode() == 429;
  }

  // The shutdown hook closes the operator from its own thread, before this block ends.
  @SuppressWarnings("try")
  private int runOperator(KubernetesClient client) throws InterruptedException {
    try (Operator operator = new Operator(client, options())) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    String logger = Operator.class.getName();
                    Logs.direct(
                        Level.INFO,
                        logger,
                        "shutdown requested: finishing the reconciles in flight");
                    operator.close();
                    Logs.direct(Level.INFO, logger, "shutdown complete");
                  },
                  "booster-shutdown"));
      operator.start().awaitStop();
      // A lost lease ends the process with an error so the Deployment restarts it as a fresh
      // candidate.
      return operator.lostLease() ? 1 : 0;
    }
  }
}

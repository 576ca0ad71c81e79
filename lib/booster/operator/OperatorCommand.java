package booster.operator;

import booster.api.GoDuration;
import booster.cluster.ApiErrors;
import booster.cluster.Kinds;
import booster.cluster.KthenaVersion;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = "Reconciles ModelBoosters into ModelServing, ModelServer, ModelRoute and autoscaling children.")
public final class OperatorCommand implements Callable<Integer> {
  @Option(names = "--namespaces", split = ",", paramLabel = "NS",
      description = "Watch only these namespaces (comma-separated). Default: all namespaces.")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--workers", defaultValue = "2", description = "Reconcile worker threads (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--resync", defaultValue = "10m", converter = DurationConverter.class,
      description = "Re-reconcile every booster this often, e.g. 30s, 10m; 0 turns it off (default: ${DEFAULT-VALUE}).")
  Duration resync;

  @Option(names = "--leader-elect", arity = "0..1", fallbackValue = "true",
      description = "Run only while holding the Lease. Default: on inside a cluster, off outside.")
  Boolean leaderElect;

  @Option(names = "--lease-namespace", description = "Namespace of the Lease (default: the pod's namespace).")
  String leaseNamespace;

  @Option(names = "--lease-name", defaultValue = "booster-operator", description = "Name of the Lease.")
  String leaseName;

  @Option(names = "--health-port", defaultValue = "8081",
      description = "Port of /healthz, /readyz and /metrics; -1 turns them off (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(names = "--downloader-image", description = "Model downloader image (env BOOSTER_DOWNLOADER_IMAGE).")
  String downloaderImage;

  @Option(names = "--runtime-image", description = "Runtime sidecar image (env BOOSTER_RUNTIME_IMAGE).")
  String runtimeImage;

  @Option(names = KthenaVersion.FLAG, paramLabel = "auto|v0.4|v1.0",
      description = "The Kthena release to write children for: auto (default; detected from the cluster at start-up "
          + "and every resync), v0.4 or v1.0. Env " + KthenaVersion.ENV + ".")
  String kthenaVersion;

  @Option(names = {"-v", "--verbose"}, description = "Log every request detail (FINE level).")
  boolean verbose;

  /** Counts and ports, said in words rather than Java's ("is not an int"). */
  private static final CommandLine.ITypeConverter<Integer> WHOLE_NUMBER = value -> {
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("not a whole number between " + Integer.MIN_VALUE + " and "
          + Integer.MAX_VALUE + ": " + value);
    }
  };

  public static int run(String... args) {
    return commandLine(new OperatorCommand()).execute(args);
  }

  /** The command line of {@code command}, with the operator's converters. */
  static CommandLine commandLine(OperatorCommand command) {
    return new CommandLine(command).registerConverter(Integer.class, WHOLE_NUMBER)
        .registerConverter(int.class, WHOLE_NUMBER);
  }

  OperatorOptions options() {
    OperatorOptions.Lease lease = OperatorOptions.Lease.defaults();
    OperatorOptions.Builder options = OperatorOptions.builder();
    TranslatorConfig images = options.build().translator().with(downloaderImage, runtimeImage);
    return options.namespaces(namespaces).workers(workers).resync(resync).leaderElect(leaderElect)
        .healthPort(healthPort).translator(images).kthenaVersion(kthenaVersion())
        .lease(new OperatorOptions.Lease(leaseNamespace, leaseName, lease.identity(), lease.duration(),
            lease.renewDeadline(), lease.retryPeriod()))
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
      throw new CommandLine.ParameterException(new CommandLine(this), "--workers must be at least 1");
    }
    kthenaVersion();
    Logs.setup(verbose ? Level.FINE : Level.INFO);
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      return canListBoosters(client) ? runOperator(client) : 1;
    }
  }

  /**
   * One LIST of at most one booster before anything starts: an unreachable cluster, a missing ModelBooster CRD or a
   * missing permission is one clear log line and exit 1, instead of informers retrying silently.
   */
  private boolean canListBoosters(KubernetesClient client) {
    ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
    try {
      var boosters = Kinds.genericBoosters(client);
      (namespaces.isEmpty() ? boosters.inAnyNamespace() : boosters.inNamespace(namespaces.get(0))).list(one);
      return true;
    } catch (KubernetesClientException e) {
      Logger.getLogger(Operator.class.getName()).severe(ApiErrors.message(e, client.getMasterUrl().toString()));
      return false;
    }
  }

  private int runOperator(KubernetesClient client) throws InterruptedException {
    try (Operator operator = new Operator(client, options())) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        String logger = Operator.class.getName();
        Logs.direct(Level.INFO, logger, "shutdown requested: finishing the reconciles in flight");
        operator.close();
        Logs.direct(Level.INFO, logger, "shutdown complete");
      }, "booster-shutdown"));
      operator.start().awaitStop();
      // A lost lease ends the process with an error so the Deployment restarts it as a fresh candidate.
      return operator.lostLease() ? 1 : 0;
    }
  }

  /** {@code 30s}, {@code 10m}, {@code 1h30m} or {@code 0}: Go durations, as in Kubernetes manifests. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return GoDuration.parse(value.trim()).filter(d -> !d.isNegative())
          .orElseThrow(() -> new CommandLine.TypeConversionException("not a duration: " + value
              + " (use e.g. 30s, 10m, 1h or 0)"));
    }
  }
}

package booster.cli;

import booster.cluster.Trees;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** Builds the fabric8 client a command talks through, from kubectl's flags and kubeconfig rules. */
final class KubeClients {
  private KubeClients() {}

  /**
   * Builds the costliest parts of connecting that depend on nothing the command line says:
   * fabric8's serialization and its readers of a kubeconfig (YAML, the kubeconfig model). Run on
   * another thread while picocli builds and parses the command, it uses the second core instead of
   * adding to the start-up.
   */
  static void prepare() {
    Trees.SERIALIZATION.unmarshal("kind: Config", io.fabric8.kubernetes.api.model.Config.class);
  }

  /**
   * @param namespace {@code -n} when given; else the context's namespace, else {@code default}
   * @param err where {@code -v=6} and above log the API requests
   */
  static KubeSession connect(KubeOptions options, Optional<String> namespace, PrintWriter err) {
    Config config = config(options);
    String chosen =
        namespace.orElse(
            config.getNamespace() != null ? config.getNamespace() : NamespaceOptions.DEFAULT);
    KubernetesClientBuilder builder =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withKubernetesSerialization(Trees.SERIALIZATION);
    if (options.verbosity >= RequestLog.REQUESTS) {
      builder.withHttpClientBuilderConsumer(
          http ->
              http.addOrReplaceInterceptor(
                  "booster-request-log", new RequestLog(options.verbosity, err)));
    }
    KubernetesClient client = builder.build();
    return new KubeSession(client, chosen, config.getMasterUrl());
  }

  static Config config(KubeOptions options) {
    List<File> files = kubeconfigFiles(options);
    Config config;
    if (files.isEmpty()) {
      if (System.getenv("KUBERNETES_SERVICE_HOST") == null) {
        throw new CliException(
            "no kubeconfig found (tried "
                + String.join(", ", Config.getKubeconfigFilenames())
                + "); use --kubeconfig or set KUBECONFIG");
      }
      config = Config.autoConfigure(null);
    } else {
      io.fabric8.kubernetes.api.model.Config merged =
          Kubeconfigs.select(Kubeconfigs.merge(files), options);
      // What Config.fromKubeconfig does, minus writing the merged kubeconfig out and parsing it
      // again.
      config = Config.empty();
      KubeConfigUtils.merge(config, null, merged);
    }
    long timeout = options.requestTimeoutMillis();
    if (timeout > 0) {
      config.setRequestTimeout((int) Math.min(Integer.MAX_VALUE, timeout));
      config.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, timeout));
    }
    // A command line answers once: no silent retries that would outlast --request-timeout.
    config.setRequestRetryBackoffLimit(0);
    return config;
  }

  /**
   * The namespace a command that contacts no cluster works in, as kubectl's client dry run: the
   * kubeconfig context's (also for a context whose server is unreachable), {@code default} without
   * a kubeconfig or without a namespace in the context. A context named by {@code --context} must
   * exist.
   */
  static String offlineNamespace(KubeOptions options) {
    List<File> files =
        options.kubeconfig() != null && !new File(options.kubeconfig()).isFile()
            ? List.of()
            : kubeconfigFiles(options);
    if (files.isEmpty()) {
      return NamespaceOptions.DEFAULT;
    }
    io.fabric8.kubernetes.api.model.Config merged = Kubeconfigs.merge(files);
    String current = merged.getCurrentContext();
    if (options.context() == null
        && (current == null
            || merged.getContexts().stream().noneMatch(c -> c.getName().equals(current)))) {
      return NamespaceOptions.DEFAULT;
    }
    String namespace =
        Kubeconfigs.select(merged, options).getContexts().stream()
            .filter(c -> c.getName().equals(Kubeconfigs.SELECTED))
            .findFirst()
            .map(c -> c.getContext().getNamespace())
            .orElse(null);
    return namespace == null || namespace.isEmpty() ? NamespaceOptions.DEFAULT : namespace;
  }

  static List<File> kubeconfigFiles(KubeOptions options) {
    if (options.kubeconfig() != null) {
      File file = new File(options.kubeconfig());
      if (!file.isFile()) {
        throw new CliException("stat " + options.kubeconfig() + ": no such file or directory");
      }
      return List.of(file);
    }
    return Config.getKubeconfigFilenames().stream().map(File::new).filter(File::isFile).toList();
  }
}

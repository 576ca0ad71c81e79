package booster.cli;

import booster.cluster.Trees;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.util.List;
import java.util.Optional;

/** Builds the fabric8 client a command talks through, from kubectl's flags and kubeconfig rules. */
public final class KubeClients {
  private KubeClients() {
  }

  /**
   * Builds the costliest parts of connecting that depend on nothing the command line says: fabric8's serialization
   * and its readers of a kubeconfig (YAML, the kubeconfig model). Run on another thread while picocli builds and
   * parses the command, it uses the second core instead of adding to the start-up.
   */
  static void prepare() {
    Trees.SERIALIZATION.unmarshal("kind: Config", io.fabric8.kubernetes.api.model.Config.class);
  }

  /** @param namespace {@code -n} when given; else the context's namespace, else {@code default} */
  public static KubeSession connect(KubeOptions options, Optional<String> namespace) {
    Config config = config(options);
    String chosen = namespace.orElse(config.getNamespace() != null ? config.getNamespace() : NamespaceOptions.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withKubernetesSerialization(Trees.SERIALIZATION).build();
    return new KubeSession(client, chosen, config.getMasterUrl());
  }

  static Config config(KubeOptions options) {
    List<File> files = kubeconfigFiles(options);
    Config config;
    if (files.isEmpty()) {
      if (System.getenv("KUBERNETES_SERVICE_HOST") == null) {
        throw new CliException("no kubeconfig found (tried " + String.join(", ", Config.getKubeconfigFilenames())
            + "); use --kubeconfig or set KUBECONFIG");
      }
      config = Config.autoConfigure(null);
    } else {
      io.fabric8.kubernetes.api.model.Config merged = Kubeconfigs.select(Kubeconfigs.merge(files), options);
      // What Config.fromKubeconfig does, minus writing the merged kubeconfig out and parsing it again.
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

  private static List<File> kubeconfigFiles(KubeOptions options) {
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

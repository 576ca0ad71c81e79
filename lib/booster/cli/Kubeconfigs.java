package booster.cli;

import booster.cluster.Trees;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * kubectl's kubeconfig loading rules: several files merged with the first definition of a name
 * winning, then the chosen context with {@code --cluster}/{@code --user} overrides applied.
 * Relative file paths are resolved against the file that defines them, so the merged result can be
 * handed to fabric8 as one document.
 */
final class Kubeconfigs {
  /** Name of the synthetic context that carries the overrides. */
  static final String SELECTED = "kubectl-booster-selected";

  private Kubeconfigs() {}

  static Config merge(List<File> files) {
    Map<String, NamedCluster> clusters = new LinkedHashMap<>();
    Map<String, NamedAuthInfo> users = new LinkedHashMap<>();
    Map<String, NamedContext> contexts = new LinkedHashMap<>();
    String current = null;
    for (File file : files) {
      Config config = parse(file);
      Path dir = file.getAbsoluteFile().getParentFile().toPath();
      putFirst(clusters, config.getClusters(), NamedCluster::getName, c -> absolute(c, dir));
      putFirst(users, config.getUsers(), NamedAuthInfo::getName, u -> absolute(u, dir));
      putFirst(contexts, config.getContexts(), NamedContext::getName, c -> c);
      if (current == null
          && config.getCurrentContext() != null
          && !config.getCurrentContext().isEmpty()) {
        current = config.getCurrentContext();
      }
    }
    Config merged = new Config();
    merged.setApiVersion("v1");
    merged.setKind("Config");
    merged.setClusters(new ArrayList<>(clusters.values()));
    merged.setUsers(new ArrayList<>(users.values()));
    merged.setContexts(new ArrayList<>(contexts.values()));
    merged.setCurrentContext(current);
    return merged;
  }

  /** One kubeconfig file; an empty one is an empty kubeconfig, as for kubectl. */
  private static Config parse(File file) {
    try (InputStream in = Files.newInputStream(file.toPath())) {
      Config config = Trees.SERIALIZATION.unmarshal(in, Config.class);
      return config == null ? new Config() : config;
    } catch (IOException | RuntimeException e) {
      String reason =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      throw new CliException("error loading config file \"" + file + "\": " + reason);
    }
  }

  /**
   * Adds the {@link #SELECTED} context: the chosen (or current) context with the flag overrides
   * applied.
   */
  static Config select(Config merged, KubeOptions options) {
    String name = options.context() != null ? options.context() : merged.getCurrentContext();
    NamedContext base =
        merged.getContexts().stream()
            .filter(c -> c.getName().equals(name))
            .findFirst()
            .orElse(null);
    if (base == null && (options.context() != null || options.cluster() == null)) {
      throw new CliException(
          name == null
              ? "current-context is not set; use --context"
              : "context \"" + name + "\" does not exist");
    }
    NamedContextBuilder selected =
        base == null
            ? new NamedContextBuilder().withNewContext().endContext()
            : new NamedContextBuilder(base);
    selected.withName(SELECTED);
    if (options.cluster() != null) {
      requireName(
          merged.getClusters().stream().map(NamedCluster::getName).toList(),
          options.cluster(),
          "cluster");
      selected.editContext().withCluster(options.cluster()).endContext();
    }
    if (options.user() != null) {
      requireName(
          merged.getUsers().stream().map(NamedAuthInfo::getName).toList(), options.user(), "user");
      selected.editContext().withUser(options.user()).endContext();
    }
    List<NamedContext> contexts = new ArrayList<>(merged.getContexts());
    contexts.add(selected.build());
    merged.setContexts(contexts);
    merged.setCurrentContext(SELECTED);
    return merged;
  }

  private static void requireName(List<String> names, String name, String what) {
    if (!names.contains(name)) {
      throw new CliException(what + " \"" + name + "\" does not exist in the kubeconfig");
    }
  }

  private static <T> void putFirst(
      Map<String, T> into, List<T> items, Function<T, String> name, Function<T, T> fix) {
    if (items != null) {
      for (T item : items) {
        into.putIfAbsent(name.apply(item), fix.apply(item));
      }
    }
  }

  private static NamedCluster absolute(NamedCluster cluster, Path dir) {
    if (cluster.getCluster() != null) {
      cluster
          .getCluster()
          .setCertificateAuthority(resolve(dir, cluster.getCluster().getCertificateAuthority()));
    }
    return cluster;
  }

  private static NamedAuthInfo absolute(NamedAuthInfo user, Path dir) {
    if (user.getUser() != null) {
      user.getUser().setClientCertificate(resolve(dir, user.getUser().getClientCertificate()));
      user.getUser().setClientKey(resolve(dir, user.getUser().getClientKey()));
      user.getUser().setTokenFile(resolve(dir, user.getUser().getTokenFile()));
    }
    return user;
  }

  private static String resolve(Path dir, String path) {
    return path == null || path.isEmpty() ? path : dir.resolve(path).toString();
  }
}

package booster.cli;

import booster.cluster.Kinds;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Answers {@code kubectl-booster __complete WORD... PARTIAL} in cobra's protocol, which kubectl
 * (1.26+) speaks with the executable {@code kubectl_complete-booster} when completing {@code
 * kubectl booster ...}: one candidate per line ({@code value<TAB>description}), then {@code
 * :<directive>}. Subcommands, flags and flag values come from the command model of the one
 * subcommand typed (nothing is built for the others); the cluster is asked only for booster names
 * and namespaces, the kubeconfig only for contexts, clusters and users. Nothing is printed on
 * stderr, which kubectl passes to the terminal.
 */
final class Completions {
  static final String COMMAND = "__complete";

  /** cobra's ShellCompDirective bits. */
  static final int NO_SPACE = 2;

  static final int NO_FILE_COMPLETION = 4;
  static final int FILTER_FILE_EXTENSIONS = 8;
  static final int DEFAULT = 0;

  /** How long completion waits for the cluster: a slow answer is worse than none. */
  private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(5);

  /** The candidates and how the shell should treat them. */
  record Answer(List<String> candidates, int directive) {
    static Answer of(List<String> candidates) {
      return new Answer(candidates, NO_FILE_COMPLETION);
    }
  }

  private final Map<String, Class<?>> subcommands;

  /**
   * @param subcommands the plugin's subcommand classes, in the order help lists them
   */
  Completions(List<Class<?>> subcommands) {
    this.subcommands = new LinkedHashMap<>();
    subcommands.forEach(
        type -> this.subcommands.put(type.getAnnotation(Command.class).name(), type));
  }

  /**
   * Prints the answer for {@code words} (the last one is the word being completed, maybe empty).
   */
  void print(List<String> words, PrintWriter out) {
    Answer answer;
    try {
      answer = complete(words.isEmpty() ? List.of("") : words);
    } catch (RuntimeException e) {
      answer = new Answer(List.of(), NO_FILE_COMPLETION);
    }
    answer.candidates().forEach(out::println);
    out.println(":" + answer.directive());
    out.flush();
  }

  Answer complete(List<String> words) {
    String partial = words.get(words.size() - 1);
    List<String> typed = words.subList(0, words.size() - 1);
    if (typed.isEmpty()) {
      if (partial.startsWith("-")) {
        return Answer.of(
            matching(
                List.of(
                    "--help\tShow this help message and exit.",
                    "--version\tPrint version information and exit."),
                partial));
      }
      List<String> names = new ArrayList<>();
      subcommands.forEach(
          (name, type) ->
              names.add(
                  name + "\t" + firstSentence(type.getAnnotation(Command.class).description())));
      return Answer.of(matching(names, partial));
    }
    Class<?> type = subcommands.get(typed.get(0));
    if (type == null) {
      return Answer.of(List.of());
    }
    CommandSpec spec = CommandSpec.forAnnotatedObject(instance(type));
    Typed line = Typed.read(spec, typed.subList(1, typed.size()));
    if (line.pending() != null) {
      return values(line.pending(), partial, line);
    }
    if (partial.startsWith("--") && partial.contains("=")) {
      OptionSpec option = spec.findOption(partial.substring(0, partial.indexOf('=')));
      return option == null
          ? Answer.of(List.of())
          : values(option, partial.substring(partial.indexOf('=') + 1), line);
    }
    if (partial.startsWith("-") && !line.afterDashes()) {
      return Answer.of(flags(spec, line, partial));
    }
    return positional(spec, line, partial);
  }

  /**
   * Flag names not given yet (repeatable ones always), long then short form, with their first
   * sentence.
   */
  private static List<String> flags(CommandSpec spec, Typed line, String partial) {
    List<String> out = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (option.hidden() || (line.given().contains(option) && !option.isMultiValue())) {
        continue;
      }
      String description = firstSentence(option.description());
      for (String name : option.names()) {
        out.add(name + "\t" + description);
      }
    }
    out.sort((a, b) -> a.replaceFirst("^-+", "").compareTo(b.replaceFirst("^-+", "")));
    return matching(out, partial);
  }

  private Answer values(OptionSpec option, String partial, Typed line) {
    String name = option.longestName();
    switch (name) {
      case "--filename":
        return new Answer(List.of("yaml", "yml", "json"), FILTER_FILE_EXTENSIONS);
      case "--kubeconfig":
        return new Answer(List.of(), DEFAULT);
      case "--namespace":
        return Answer.of(
            matching(
                fromCluster(
                    line,
                    client ->
                        client.namespaces().list().getItems().stream()
                            .map(n -> n.getMetadata().getName())
                            .sorted()
                            .toList()),
                partial));
      case "--context":
        return Answer.of(
            matching(
                kubeconfig(line, c -> c.getContexts().stream().map(NamedContext::getName).toList()),
                partial));
      case "--cluster":
        return Answer.of(
            matching(
                kubeconfig(line, c -> c.getClusters().stream().map(NamedCluster::getName).toList()),
                partial));
      case "--user":
        return Answer.of(
            matching(
                kubeconfig(line, c -> c.getUsers().stream().map(NamedAuthInfo::getName).toList()),
                partial));
      default:
        break;
    }
    if (option.type() == StatusOutput.class) {
      List<String> formats = new ArrayList<>();
      for (StatusOutput.Kind kind : StatusOutput.Kind.values()) {
        formats.add(kind == StatusOutput.Kind.jsonpath ? "jsonpath=" : kind.name());
      }
      List<String> found = matching(formats, partial);
      // "jsonpath=" alone is still to be continued: no space after it.
      return new Answer(
          found,
          found.size() == 1 && found.get(0).endsWith("=")
              ? NO_FILE_COMPLETION | NO_SPACE
              : NO_FILE_COMPLETION);
    }
    List<String> candidates = new ArrayList<>();
    if (option.completionCandidates() != null) {
      option.completionCandidates().forEach(candidates::add);
    }
    return Answer.of(matching(candidates, partial));
  }

  /**
   * Booster names for the commands that take one (status, tree, diff), else the declared candidates
   * (SHELL).
   */
  private Answer positional(CommandSpec spec, Typed line, String partial) {
    int index = line.positionals().size();
    if (index >= spec.positionalParameters().size()) {
      return Answer.of(List.of());
    }
    var parameter = spec.positionalParameters().get(index);
    if ("NAME".equals(parameter.paramLabel())) {
      return Answer.of(
          matching(
              fromCluster(
                  line,
                  client ->
                      Kinds.genericBoosters(client)
                          .inNamespace(client.getNamespace())
                          .list()
                          .getItems()
                          .stream()
                          .map(b -> b.getMetadata().getName())
                          .sorted()
                          .toList()),
              partial));
    }
    List<String> candidates = new ArrayList<>();
    if (parameter.completionCandidates() != null) {
      parameter.completionCandidates().forEach(candidates::add);
    }
    return Answer.of(matching(candidates, partial));
  }

  /**
   * What the cluster the typed flags point at answers; nothing when it cannot be reached in time.
   */
  private static List<String> fromCluster(
      Typed line, Function<KubernetesClient, List<String>> ask) {
    try {
      io.fabric8.kubernetes.client.Config config = KubeClients.config(line.kube());
      config.setRequestTimeout((int) CLUSTER_TIMEOUT.toMillis());
      config.setConnectionTimeout((int) CLUSTER_TIMEOUT.toMillis());
      if (line.namespace().isPresent()) {
        config.setNamespace(line.namespace().get());
      } else if (config.getNamespace() == null) {
        config.setNamespace(NamespaceOptions.DEFAULT);
      }
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        return ask.apply(client);
      }
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Names from the kubeconfig files the typed flags select; no cluster is contacted. */
  private static List<String> kubeconfig(
      Typed line, Function<io.fabric8.kubernetes.api.model.Config, List<String>> names) {
    try {
      List<File> files = KubeClients.kubeconfigFiles(line.kube());
      return files.isEmpty()
          ? List.of()
          : names.apply(Kubeconfigs.merge(files)).stream().sorted().toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static List<String> matching(List<String> candidates, String partial) {
    return candidates.stream().filter(c -> c.startsWith(partial)).toList();
  }

  /** The description up to its first full stop that ends a sentence (not the one of "e.g. 5s"). */
  private static String firstSentence(String[] description) {
    if (description.length == 0) {
      return "";
    }
    String text = description[0];
    for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 1)) {
      if (i + 2 < text.length() && Character.isUpperCase(text.charAt(i + 2))) {
        return text.substring(0, i + 1);
      }
    }
    return text.replace('\t', ' ');
  }

  private static Object instance(Class<?> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The words typed after the subcommand: flags given (with values), positional words, an option
   * still waiting for its value, and the connection flags among them.
   */
  private record Typed(
      List<OptionSpec> given,
      List<String> positionals,
      OptionSpec pending,
      boolean afterDashes,
      KubeOptions kube,
      Optional<String> namespace) {
    static Typed read(CommandSpec spec, List<String> words) {
      List<OptionSpec> given = new ArrayList<>();
      List<String> positionals = new ArrayList<>();
      Map<String, String> values = new LinkedHashMap<>();
      OptionSpec pending = null;
      boolean dashes = false;
      for (String word : words) {
        if (pending != null) {
          values.put(pending.longestName(), word);
          pending = null;
        } else if (dashes || !word.startsWith("-") || word.equals("-")) {
          positionals.add(word);
        } else if (word.equals("--")) {
          dashes = true;
        } else {
          int equals = word.indexOf('=');
          OptionSpec option = spec.findOption(equals < 0 ? word : word.substring(0, equals));
          if (option == null) {
            continue;
          }
          given.add(option);
          if (equals >= 0) {
            values.put(option.longestName(), word.substring(equals + 1));
          } else if (option.arity().min() > 0) {
            pending = option;
          }
        }
      }
      KubeOptions kube = new KubeOptions();
      kube.kubeconfig = values.get("--kubeconfig");
      kube.context = values.get("--context");
      kube.cluster = values.get("--cluster");
      kube.user = values.get("--user");
      kube.requestTimeout = CLUSTER_TIMEOUT;
      return new Typed(
          given,
          positionals,
          pending,
          dashes,
          kube,
          Optional.ofNullable(values.get("--namespace")));
    }
  }
}

package booster.cli;

import booster.api.ManifestException;
import booster.api.ManifestReader;
import booster.api.ModelBooster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** {@code -f FILE} (repeatable; {@code -} is stdin, a directory means its .yaml/.yml/.json files in name order). */
public final class ManifestOptions {
  public static final String STDIN = "-";

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
      description = "Manifest with ModelBoosters (YAML or JSON, several documents allowed); '-' reads stdin; "
          + "a directory reads its .yaml, .yml and .json files. Repeatable.")
  private List<String> files = new ArrayList<>();

  /**
   * Reads every file, collecting the problems of all of them before giving up.
   *
   * @throws InputProblems one line per problem when any file cannot be read as boosters
   */
  public List<Manifest> read(InputStream stdin) {
    return read(files, stdin);
  }

  /** As {@link #read(InputStream)}, for commands whose {@code -f} is optional. */
  public static List<Manifest> read(List<String> files, InputStream stdin) {
    List<Manifest> manifests = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (files.stream().filter(STDIN::equals).count() > 1) {
      throw new InputProblems(List.of("-: stdin can be read only once; give '-f -' once"));
    }
    for (String file : files) {
      for (String source : expand(file, problems)) {
        try {
          List<ModelBooster> boosters = STDIN.equals(source)
              ? ManifestReader.read(source, stdin) : ManifestReader.readFile(Path.of(source));
          // A loop, not a lambda: picocli reflects on this mixin's methods, and a lambda taking a ModelBooster
          // would load fabric8's model for --help and completion.
          for (ModelBooster booster : boosters) {
            manifests.add(new Manifest(source, booster));
          }
        } catch (ManifestException e) {
          problems.addAll(e.problems());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InputProblems(problems);
    }
    return manifests;
  }

  private static List<String> expand(String file, List<String> problems) {
    Path path = Path.of(file);
    if (STDIN.equals(file) || !Files.isDirectory(path)) {
      return List.of(file);
    }
    try (Stream<Path> entries = Files.list(path)) {
      List<String> found = entries.filter(Files::isRegularFile)
          .map(Path::toString)
          .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
          .sorted()
          .toList();
      if (found.isEmpty()) {
        problems.add(file + ": directory holds no .yaml, .yml or .json file");
      }
      return found;
    } catch (IOException e) {
      problems.add(file + ": cannot list directory: " + e.getMessage());
      return List.of();
    }
  }
}

package booster.cli;

import booster.api.InvalidInputException;
import booster.api.ManifestReader;
import booster.api.ModelBooster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code -f FILE} as kubectl reads it: repeatable; {@code -} is stdin; an {@code http(s)://} URL is
 * fetched; a directory means its .yaml/.yml/.json files in name order, and with {@code -R} those of
 * its subdirectories too.
 */
final class ManifestOptions {
  static final String STDIN = "-";
  static final String FILENAME_HELP =
      "Filename, directory, or URL to files with ModelBoosters (YAML or JSON, "
          + "several documents allowed); '-' reads stdin. Repeatable.";
  static final String RECURSIVE_HELP = "Process the directory used in -f, --filename recursively.";
  private static final Duration URL_TIMEOUT = Duration.ofSeconds(30);

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description = FILENAME_HELP)
  private List<String> files = new ArrayList<>();

  @Option(
      names = {"-R", "--recursive"},
      description = RECURSIVE_HELP)
  private boolean recursive;

  /**
   * Reads every file; a file that cannot be read as boosters is a problem, and the others are still
   * read.
   */
  ManifestInputs read(InputStream stdin) {
    return read(files, recursive, stdin);
  }

  /** As {@link #read(InputStream)}, for commands whose {@code -f} is optional. */
  static ManifestInputs read(List<String> files, boolean recursive, InputStream stdin) {
    List<Manifest> manifests = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (files.stream().filter(STDIN::equals).count() > 1) {
      return new ManifestInputs(
          List.of(), List.of("-: stdin can be read only once; give '-f -' once"));
    }
    for (String file : files) {
      for (String source : expand(file, recursive, problems)) {
        try {
          List<ModelBooster> boosters =
              STDIN.equals(source)
                  ? ManifestReader.read(source, stdin)
                  : isUrl(source)
                      ? ManifestReader.read(source, fetch(source))
                      : ManifestReader.readFile(Path.of(source));
          // A loop, not a lambda: picocli reflects on this mixin's methods, and a lambda taking a
          // ModelBooster
          // would load fabric8's model for --help and completion.
          for (ModelBooster booster : boosters) {
            manifests.add(new Manifest(source, booster));
          }
        } catch (InvalidInputException e) {
          problems.addAll(e.problems());
        } catch (IOException e) {
          problems.add(source + ": " + e.getMessage());
        }
      }
    }
    return new ManifestInputs(manifests, problems);
  }

  static boolean isUrl(String file) {
    return file.startsWith("http://") || file.startsWith("https://");
  }

  /** The body of a URL, in kubectl's words when the server answers with anything but 200. */
  private static InputStream fetch(String url) throws IOException {
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(URL_TIMEOUT)
            .build();
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(URL_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException(
            "unable to read URL, server reported status code " + response.statusCode());
      }
      return new ByteArrayInputStream(response.body());
    } catch (IllegalArgumentException e) {
      throw new IOException("not a valid URL: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the URL");
    } catch (IOException e) {
      throw new IOException(
          e.getMessage() != null && e.getMessage().startsWith("unable to read URL")
              ? e.getMessage()
              : "unable to read URL: "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  private static List<String> expand(String file, boolean recursive, List<String> problems) {
    Path path = Path.of(file);
    if (STDIN.equals(file) || isUrl(file) || !Files.isDirectory(path)) {
      return List.of(file);
    }
    try (Stream<Path> entries = recursive ? Files.walk(path) : Files.list(path)) {
      List<String> found =
          entries
              .filter(Files::isRegularFile)
              .map(Path::toString)
              .filter(
                  name -> name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
              .sorted()
              .toList();
      if (found.isEmpty()) {
        problems.add(
            file
                + ": directory holds no .yaml, .yml or .json file"
                + (recursive ? "" : " (-R reads its " + "subdirectories too)"));
      }
      return found;
    } catch (IOException | java.io.UncheckedIOException e) {
      problems.add(file + ": cannot list directory: " + e.getMessage());
      return List.of();
    }
  }
}

package booster.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The native image's reachability metadata, made from class-load traces of the differential suite
 * run on the JVM plugin (no tracing agent is needed): every class a run loaded from the plugin's
 * jars, plus every class of our ModelBooster model and fabric8's model classes of core, apps and
 * common (builders aside), which Jackson binds by reflection on inputs the suite may not have; an
 * unregistered one is written as an empty object. Each is registered with all its members. Run as a
 * program (release/native-metadata.sh) to regenerate the committed files; KrewInstallTest checks
 * that they still cover what the commands load.
 */
final class ReachabilityMetadata {
  static final Path DIR =
      Path.of("release/native-image/META-INF/native-image/dev.kthena.booster/kubectl-booster");
  private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: file:(\\S+)$");
  private static final Pattern NAME = Pattern.compile("\"name\": \"([^\"]+)\"");
  private static final List<String> MODEL_JARS =
      List.of("kubernetes-model-core-", "kubernetes-model-apps-", "kubernetes-model-common-");
  private static final String MEMBERS =
      "\"allDeclaredConstructors\": true, \"allPublicConstructors\": true, "
          + "\"allDeclaredMethods\": true, \"allPublicMethods\": true, \"allDeclaredFields\": true, "
          + "\"allPublicFields\": true, \"allDeclaredClasses\": true";

  /**
   * Service registrations (fabric8's HTTP client factory, ...) and properties files (versions,
   * messages).
   */
  private static final String RESOURCES =
      """
      {
        "resources": {
          "includes": [
            {"pattern": "META-INF/services/.*"},
            {"pattern": ".*\\\\.properties$"}
          ]
        }
      }
      """;

  private ReachabilityMetadata() {}

  /**
   * {@code ReachabilityMetadata JAR}: regenerates the committed files from every case, run on the
   * plugin JAR.
   */
  public static void main(String... args) throws IOException {
    SortedSet<String> classes = classes(Path.of(args[0]), CliCases.all());
    Files.createDirectories(DIR);
    StringBuilder json = new StringBuilder("[\n");
    for (String name : classes) {
      json.append("{\"name\": \"").append(name).append("\", ").append(MEMBERS).append("},\n");
    }
    json.setLength(json.length() - 2);
    Files.writeString(DIR.resolve("reflect-config.json"), json.append("\n]\n").toString());
    Files.writeString(DIR.resolve("resource-config.json"), RESOURCES);
    System.out.println(classes.size() + " classes registered in " + DIR);
  }

  /**
   * What the metadata must register for {@code cases}, run on the plugin in {@code jar} (its lib/
   * beside it).
   */
  static SortedSet<String> classes(Path jar, List<CliCases.Case> cases) {
    SortedSet<String> classes = traced(jar, cases);
    classes.addAll(entries(jar, name -> name.startsWith("booster/api/")));
    try (var libs = Files.list(jar.toAbsolutePath().getParent().resolve("lib"))) {
      for (Path lib :
          libs.filter(p -> MODEL_JARS.stream().anyMatch(p.getFileName().toString()::startsWith))
              .toList()) {
        classes.addAll(
            entries(
                lib,
                name ->
                    !name.contains("Builder")
                        && !name.contains("Fluent")
                        && !name.contains("Nested")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return classes;
  }

  /** The classes registered in the committed reflect-config.json. */
  static Set<String> committed() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(Files.readString(DIR.resolve("reflect-config.json")));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Runs each case on the JVM with a class-load log; the classes loaded from the plugin's own jars.
   */
  private static SortedSet<String> traced(Path jar, List<CliCases.Case> cases) {
    Path home = jar.toAbsolutePath().getParent();
    SortedSet<String> classes = new TreeSet<>();
    try {
      Path logs = Files.createTempDirectory("class-load");
      for (CliCases.Case c : cases) {
        Path log = logs.resolve(cases.indexOf(c) + ".txt");
        List<String> java =
            new ArrayList<>(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xlog:class+load=info:file=" + log,
                    "-cp",
                    jar.toAbsolutePath().toString(),
                    "KubectlBooster"));
        CaseRunner.run(java, c);
        for (String line : Files.readAllLines(log)) {
          Matcher m = LOADED.matcher(line);
          if (m.find()
              && m.group(2).startsWith(home.toString())
              && !m.group(1).contains("$$Lambda")) {
            classes.add(m.group(1));
          }
        }
        Files.delete(log);
      }
      Files.delete(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return classes;
  }

  private static List<String> entries(Path jar, java.util.function.Predicate<String> keep) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream()
          .map(ZipEntry::getName)
          .filter(
              n ->
                  n.endsWith(".class")
                      && !n.endsWith("module-info.class")
                      && !n.startsWith("META-INF/"))
          .filter(keep)
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

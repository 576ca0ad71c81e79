package booster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * kubectl diff's mechanics: LIVE and MERGED trees in two temporary directories, then {@code diff -u
 * -N LIVE MERGED} or the program named by {@code KUBECTL_EXTERNAL_DIFF} (its extra words kept only
 * when made of letters, digits, '-' and '='), whose exit code is passed on: 0 no differences, 1
 * differences, more on error.
 */
final class DiffProgram {
  static final String EXTERNAL = "KUBECTL_EXTERNAL_DIFF";

  private DiffProgram() {}

  static int run(
      List<DiffObject> objects,
      Map<String, String> environment,
      Terminal terminal,
      PrintWriter out,
      PrintWriter err)
      throws IOException, InterruptedException {
    Path live = Files.createTempDirectory("LIVE-");
    Path merged = Files.createTempDirectory("MERGED-");
    try {
      for (DiffObject object : objects) {
        write(live.resolve(object.fileName()), object.live());
        write(merged.resolve(object.fileName()), object.merged());
      }
      List<String> command = command(environment.get(EXTERNAL), live, merged, err);
      Process process;
      try {
        process = new ProcessBuilder(command).start();
      } catch (IOException e) {
        throw new CliException("failed to run \"" + command.get(0) + "\": " + e.getMessage(), 2);
      }
      process.getOutputStream().close();
      CompletableFuture<String> errors =
          CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
      boolean colored = terminal.color() && environment.get(EXTERNAL) == null;
      text(process.getInputStream())
          .lines()
          .forEach(line -> out.println(colored ? paint(line, terminal) : line));
      err.print(errors.join());
      return process.waitFor();
    } finally {
      delete(live);
      delete(merged);
    }
  }

  private static List<String> command(String external, Path live, Path merged, PrintWriter err) {
    List<String> command = new ArrayList<>();
    if (external == null || external.isEmpty()) {
      command.addAll(List.of("diff", "-u", "-N", live.toString(), merged.toString()));
      return command;
    }
    String[] words = external.split(" ");
    command.add(words[0]);
    command.add(live.toString());
    command.add(merged.toString());
    for (int i = 1; i < words.length; i++) {
      if (words[i].matches("[a-zA-Z0-9-=]+")) {
        command.add(words[i]);
      } else {
        err.println(
            "Warning: invalid argument is ignored: "
                + words[i]
                + ", only Alphanumeric (case-insensitive), dash and equal are allowed");
      }
    }
    return command;
  }

  private static String paint(String line, Terminal terminal) {
    if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")) {
      return terminal.paint(line, Terminal.Style.BOLD);
    }
    if (line.startsWith("@@")) {
      return terminal.paint(line, Terminal.Style.HEADER);
    }
    if (line.startsWith("+")) {
      return terminal.paint(line, Terminal.Style.ADDED);
    }
    return line.startsWith("-") ? terminal.paint(line, Terminal.Style.REMOVED) : line;
  }

  private static void write(Path file, Map<String, Object> object) throws IOException {
    if (object != null) {
      Files.writeString(file, OutputFormat.yaml.render(List.of(object)));
    }
  }

  private static String text(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

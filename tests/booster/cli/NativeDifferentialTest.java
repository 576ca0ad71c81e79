package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential suite: every {@link CliCases} case run by the native binary and by the JVM
 * plugin it was built from, each as its own process, must print the same stdout and stderr and exit
 * with the same code (after {@link CaseRunner#normalized}). Opt-in, since it needs a native build:
 * {@code mvn -B -Pnative test}, which release/build-native.sh runs. Paths: {@code
 * -Dbooster.native=BINARY -Dbooster.native.jar=JAR}, by default those release/build-native.sh
 * leaves in dist/native/.
 */
@Tag("native")
class NativeDifferentialTest {
  private static final Path BINARY =
      Path.of(
          System.getProperty(
              "booster.native",
              "dist/native/" + NativeDifferentialTest.platform() + "/kubectl-booster"));
  private static final Path JAR =
      Path.of(System.getProperty("booster.native.jar", "dist/native/jvm/kubectl-booster.jar"));

  /** The platform as krew names it, e.g. linux-amd64. */
  static String platform() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").toLowerCase().replace("mac os x", "darwin")
        + "-"
        + (arch.equals("x86_64") || arch.equals("amd64")
            ? "amd64"
            : arch.equals("aarch64") ? "arm64" : arch);
  }

  @TestFactory
  Stream<DynamicTest> theNativeBinaryAnswersAsTheJvmPlugin() {
    assertTrue(
        Files.isExecutable(BINARY),
        "no native binary at " + BINARY + ": run release/build-native.sh");
    assertTrue(
        Files.isRegularFile(JAR), "no plugin jar at " + JAR + ": run release/build-native.sh");
    List<String> jvm =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            JAR.toAbsolutePath().toString(),
            "KubectlBooster");
    List<String> binary = List.of(BINARY.toAbsolutePath().toString());
    List<CliCases.Case> cases = CliCases.all();
    System.out.println("differential suite: " + cases.size() + " cases");
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () ->
                        assertEquals(
                            CaseRunner.normalized(CaseRunner.run(jvm, c)),
                            CaseRunner.normalized(CaseRunner.run(binary, c)),
                            String.join(" ", c.args()))));
  }
}

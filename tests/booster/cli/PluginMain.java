package booster.cli;

/**
 * The plugin as a process of its own on the test class path, for tests that need a real terminal
 * (tmux).
 */
final class PluginMain {
  private PluginMain() {}

  public static void main(String... args) {
    // As kubectl-booster.java: fabric8's SLF4J logging stays off the screen.
    System.getProperties()
        .putIfAbsent("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.getProperties().putIfAbsent("slf4j.internal.verbosity", "WARN");
    System.exit(BoosterCommand.run(args));
  }
}

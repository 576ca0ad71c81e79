///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// Versions must match pom.xml (DepsMatchPomTest). JBang cannot exclude transitive dependencies, so
// kubernetes-client brings the Vert.x HTTP client along; fabric8 still picks the JDK one (higher priority).
//DEPS io.fabric8:kubernetes-client:8.0.0
//DEPS io.fabric8:kubernetes-httpclient-jdk:8.0.0
//DEPS io.fabric8:generator-annotations:8.0.0
//DEPS info.picocli:picocli:4.7.7
//DEPS org.fusesource.jansi:jansi:2.4.3
//DEPS org.jline:jline:3.30.4
//DEPS org.slf4j:slf4j-jdk14:2.0.17
//SOURCES lib/**.java
// The sources are UTF-8 whatever the locale (Java 17 compiles in the platform encoding, US-ASCII under LANG=C).
//COMPILE_OPTIONS -encoding UTF-8
// The plugin's entry; lib/ also holds booster.cli.Warmup, the launcher's training run.
//MAIN KubectlBooster
// A short-lived command: the quick compiler and serial GC start and finish sooner.
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC

import booster.cli.BoosterCommand;

/** The kubectl plugin: {@code kubectl booster ...}; everything lives in lib/booster/cli. */
class KubectlBooster {
  public static void main(String... args) {
    // fabric8 logs through SLF4J (to java.util.logging for the operator); a command line keeps them off the screen.
    System.getProperties().putIfAbsent("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.getProperties().putIfAbsent("slf4j.internal.verbosity", "WARN");
    System.exit(BoosterCommand.run(args));
  }
}

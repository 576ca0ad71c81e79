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

import booster.operator.OperatorCommand;

/** The ModelBooster operator; everything lives in lib/booster/operator. */
class operator {
  public static void main(String... args) {
    System.exit(OperatorCommand.run(args));
  }
}

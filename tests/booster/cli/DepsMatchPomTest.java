package booster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The JBang scripts compile all of lib/ from source with their own //DEPS, while Maven compiles and
 * tests it with pom.xml: both must name the same artifacts at the same versions, or users run code
 * the tests never saw.
 */
class DepsMatchPomTest {
  private static final Pattern DEPS =
      Pattern.compile("^//DEPS\\s+([^:\\s]+):([^:\\s]+):([^:@\\s]+)(@pom)?\\s*$");
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  @Test
  void everyScriptDependencyHasThePomVersion() throws Exception {
    Pom pom = Pom.read(Path.of("pom.xml"));
    List<String> mismatches = new ArrayList<>();
    for (Path script : scripts()) {
      for (Map.Entry<String, String> dep : deps(script).entrySet()) {
        String expected = pom.versionOf(dep.getKey());
        if (expected == null) {
          mismatches.add(script + ": //DEPS " + dep.getKey() + " is not in pom.xml");
        } else if (!expected.equals(dep.getValue())) {
          mismatches.add(
              script
                  + ": //DEPS "
                  + dep.getKey()
                  + ":"
                  + dep.getValue()
                  + " but pom.xml has "
                  + expected);
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  /**
   * //SOURCES lib/**.java compiles everything Maven compiles, so every compile dependency must be
   * there too.
   */
  @Test
  void everyPomCompileDependencyIsInEachScript() throws Exception {
    Pom pom = Pom.read(Path.of("pom.xml"));
    List<String> missing = new ArrayList<>();
    for (Path script : scripts()) {
      Map<String, String> deps = deps(script);
      pom.compileDependencies().stream()
          .filter(artifact -> !deps.containsKey(artifact))
          .forEach(artifact -> missing.add(script + ": no //DEPS for " + artifact));
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void pomVersionsComeFromPropertiesAndBoms() throws Exception {
    Pom pom = Pom.read(Path.of("pom.xml"));
    assertEquals("4.7.7", pom.versionOf("info.picocli:picocli"));
    assertEquals(
        pom.versionOf("io.fabric8:kubernetes-client"),
        pom.versionOf("io.fabric8:kubernetes-client-api"),
        "fabric8 artifacts take the BOM version");
    assertEquals(null, pom.versionOf("com.example:not-there"));
  }

  @Test
  void pluginVersionIsThePomVersion() throws Exception {
    assertEquals(Pom.read(Path.of("pom.xml")).projectVersion(), BoosterCommand.VERSION);
  }

  private static List<Path> scripts() throws IOException {
    List<Path> scripts = new ArrayList<>();
    try (Stream<Path> top = Files.list(Path.of("."))) {
      top.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().forEach(scripts::add);
    }
    assertFalse(
        scripts.stream().noneMatch(p -> p.endsWith("kubectl-booster.java")),
        "kubectl-booster.java missing");
    return scripts;
  }

  /** groupId:artifactId to version, for every //DEPS line of a script. */
  static Map<String, String> deps(Path script) throws IOException {
    Map<String, String> deps = new LinkedHashMap<>();
    for (String line : Files.readAllLines(script)) {
      Matcher m = DEPS.matcher(line.strip());
      if (m.matches()) {
        deps.put(m.group(1) + ":" + m.group(2), m.group(3));
      }
    }
    return deps;
  }

  /** The bits of pom.xml that decide versions: properties, direct versions and imported BOMs. */
  private record Pom(
      String projectVersion,
      Map<String, String> direct,
      Map<String, String> boms,
      List<String> compileDependencies) {
    static Pom read(Path file) throws Exception {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
      Element project = doc.getDocumentElement();
      Map<String, String> properties = new LinkedHashMap<>();
      Element props = child(project, "properties");
      if (props != null) {
        for (Element p : children(props)) {
          properties.put(p.getTagName(), p.getTextContent().trim());
        }
      }
      Map<String, String> direct = new LinkedHashMap<>();
      Map<String, String> boms = new LinkedHashMap<>();
      List<String> compile = new ArrayList<>();
      NodeList all = doc.getElementsByTagName("dependency");
      for (int i = 0; i < all.getLength(); i++) {
        Element dep = (Element) all.item(i);
        String group = text(dep, "groupId");
        String artifact = text(dep, "artifactId");
        String version = resolve(text(dep, "version"), properties);
        String scope = text(dep, "scope");
        String owner = ((Element) dep.getParentNode().getParentNode()).getTagName();
        if (!owner.equals("project") && !owner.equals("dependencyManagement")) {
          continue; // a plugin's own dependencies
        }
        if ("import".equals(scope)) {
          boms.put(group, version);
          continue;
        }
        if (version != null) {
          direct.put(group + ":" + artifact, version);
        }
        if (owner.equals("project") && (scope == null || scope.equals("compile"))) {
          compile.add(group + ":" + artifact);
        }
      }
      return new Pom(resolve(text(project, "version"), properties), direct, boms, compile);
    }

    /**
     * The explicit version, else that of a BOM of the same group (or a parent group: org.junit for
     * jupiter).
     */
    String versionOf(String groupArtifact) {
      if (direct.containsKey(groupArtifact)) {
        return direct.get(groupArtifact);
      }
      String group = groupArtifact.substring(0, groupArtifact.indexOf(':'));
      return boms.entrySet().stream()
          .filter(bom -> group.equals(bom.getKey()) || group.startsWith(bom.getKey() + "."))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }

    private static String resolve(String value, Map<String, String> properties) {
      if (value == null) {
        return null;
      }
      Matcher m = PROPERTY.matcher(value);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(
            out, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
      }
      return m.appendTail(out).toString();
    }

    private static String text(Element parent, String tag) {
      Element e = child(parent, tag);
      return e == null ? null : e.getTextContent().trim();
    }

    private static Element child(Element parent, String tag) {
      return children(parent).stream()
          .filter(e -> e.getTagName().equals(tag))
          .findFirst()
          .orElse(null);
    }

    private static List<Element> children(Element parent) {
      List<Element> elements = new ArrayList<>();
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          elements.add(e);
        }
      }
      return elements;
    }
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * deploy/ as {@code kubectl kustomize} renders it: objects a real API server accepts (their fabric8
 * model types, no unknown field), JBang's own image at the launcher's version, probes on what the
 * operator serves, a locked-down pod, and the source archive the pods run, current and compilable
 * on its own.
 */
class DeployManifestsTest {
  /**
   * JBang publishes {@code jbangdev/jbang:<version>-java-<N>} (its jreleaser.yml); Java 21 is its
   * LTS variant.
   */
  private static final String IMAGE = "docker.io/jbangdev/jbang:%s-java-21";

  /**
   * kubectl apply (client side) copies each object into an annotation; all annotations share 256
   * KiB.
   */
  private static final int APPLY_ANNOTATION_LIMIT = 256 * 1024;

  private static final String PACK = "deploy/pack-source.sh";

  @TempDir Path temp;

  @Test
  void everyRenderedObjectIsItsModelTypeWithNoUnknownField() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path dir : List.of(Deploy.DIR, cacheOverlay())) {
      for (Map<String, Object> document : Deploy.documents(dir)) {
        HasMetadata object = Deploy.typed(document);
        String where = dir + ": " + document.get("kind") + " " + object.getMetadata().getName();
        if (object instanceof GenericKubernetesResource) {
          problems.add(where + " is not a kind the fabric8 model knows");
        }
        unknownFields(object, where, problems);
        int size = Serialization.asJson(document).getBytes(StandardCharsets.UTF_8).length;
        if (size >= APPLY_ANNOTATION_LIMIT) {
          problems.add(
              where
                  + " is "
                  + size
                  + " bytes: more than kubectl apply can record in its last-applied"
                  + " annotation");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void imageIsJBangsOwnAtTheVersionOfTheLauncher() throws IOException {
    Matcher version =
        Pattern.compile("(?m)^JBANG_VERSION=(\\S+)$").matcher(Files.readString(Path.of("jbang")));
    assertTrue(version.find(), "./jbang sets JBANG_VERSION");
    String image = String.format(IMAGE, version.group(1));
    PodSpec pod = Deploy.deployment().getSpec().getTemplate().getSpec();
    for (Container c : concat(pod.getInitContainers(), pod.getContainers())) {
      assertEquals(
          image,
          c.getImage(),
          c.getName()
              + ": the image must run the JBang version ./jbang fetches"
              + " (change both together; see deploy/README.md)");
    }
    assertTrue(
        Files.readString(Deploy.DIR.resolve("README.md")).contains(image),
        "deploy/README.md names " + image);
  }

  @Test
  void probesAskWhatTheOperatorServesOnItsHealthPort() throws Exception {
    Container operator = operatorContainer();
    List<String> args = operator.getArgs();
    assertEquals(List.of("jbang"), operator.getCommand());
    assertEquals("operator.java", args.get(0));
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    OperatorOptions options = command.options();
    assertEquals(Boolean.TRUE, options.leaderElect());
    assertEquals(List.of(), options.namespaces(), "every namespace, as the ClusterRole allows");
    var port =
        operator.getPorts().stream()
            .filter(p -> p.getContainerPort() == options.healthPort())
            .findFirst();
    assertTrue(port.isPresent(), "a container port for --health-port " + options.healthPort());
    HealthServer served = new HealthServer(0, () -> true, () -> "");
    try {
      HttpClient http = HttpClient.newHttpClient();
      for (Probe probe :
          List.of(
              operator.getStartupProbe(),
              operator.getLivenessProbe(),
              operator.getReadinessProbe())) {
        var get = probe.getHttpGet();
        assertTrue(
            get.getPort().getIntVal() != null
                ? get.getPort().getIntVal() == options.healthPort()
                : get.getPort().getStrVal().equals(port.get().getName()),
            "probe port " + get.getPort());
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + served.port() + get.getPath()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), get.getPath() + " is served by HealthServer");
      }
      assertEquals("/readyz", operator.getReadinessProbe().getHttpGet().getPath());
      assertEquals("/healthz", operator.getLivenessProbe().getHttpGet().getPath());
    } finally {
      served.close();
    }
  }

  @Test
  void podIsLockedDownAndWritesOnlyWhereJBangAndJavaNeedTo() {
    Deployment deployment = Deploy.deployment();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertNotEquals(0L, pod.getSecurityContext().getRunAsUser());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals("booster-operator", pod.getServiceAccountName());
    for (Container c : concat(pod.getInitContainers(), pod.getContainers())) {
      SecurityContext sc = c.getSecurityContext();
      assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), c.getName());
      assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), c.getName());
      assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), c.getName());
      assertTrue(sc.getCapabilities().getAdd().isEmpty(), c.getName());
      assertFalse(Boolean.TRUE.equals(sc.getPrivileged()), c.getName());
    }
    for (Volume v : pod.getVolumes()) {
      assertTrue(
          v.getEmptyDir() != null || v.getConfigMap() != null,
          v.getName() + ": emptyDir or ConfigMap only");
    }
    Container operator = operatorContainer();
    Map<String, String> env = new TreeMap<>();
    operator.getEnv().forEach((EnvVar e) -> env.put(e.getName(), e.getValue()));
    assertEquals(
        Set.of(env.get("HOME"), env.get("JBANG_DIR")),
        writablePaths(operator),
        "the operator writes only its home and temp dir and JBang's directory");
    assertTrue(
        env.get("JBANG_REPO").startsWith(env.get("JBANG_DIR") + "/"),
        "the Maven repository is in JBANG_DIR");
    assertTrue(env.get("JAVA_TOOL_OPTIONS").contains("-Duser.home=" + env.get("HOME")));
    assertEquals("/tmp", env.get("HOME"), "Java's temp dir is writable");
    assertEquals("true", env.get("JBANG_NO_VERSION_CHECK"), "no egress beyond Maven Central");
    Container unpack = pod.getInitContainers().get(0);
    String target = unpack.getCommand().get(unpack.getCommand().indexOf("-C") + 1);
    assertEquals(
        Set.of(target),
        writablePaths(unpack),
        "the init container writes only the unpacked sources");
    assertEquals(target, operator.getWorkingDir());
  }

  /**
   * The pod's init container, run here on the ConfigMap as rendered: it must unpack exactly
   * operator.java and lib/ (without the plugin's commands) as they are in this checkout, and those
   * files must compile on their own.
   */
  @Test
  void sourceArchiveIsCurrentAndCompilesOnItsOwn() throws Exception {
    PodSpec pod = Deploy.deployment().getSpec().getTemplate().getSpec();
    Container unpack = pod.getInitContainers().get(0);
    String configMapName =
        pod.getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .findFirst()
            .orElseThrow()
            .getConfigMap()
            .getName();
    ConfigMap source =
        Deploy.objects().stream()
            .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(configMapName))
            .map(ConfigMap.class::cast)
            .findFirst()
            .orElseThrow();
    Map<String, Path> mounts = new TreeMap<>();
    for (VolumeMount m : unpack.getVolumeMounts()) {
      mounts.put(m.getMountPath(), Files.createDirectories(temp.resolve(m.getName())));
    }
    Path sourceDir =
        mounts.get(
            unpack.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("source"))
                .findFirst()
                .orElseThrow()
                .getMountPath());
    for (Map.Entry<String, String> file : source.getBinaryData().entrySet()) {
      Files.write(
          sourceDir.resolve(file.getKey()), Base64.getMimeDecoder().decode(file.getValue()));
    }
    List<String> command =
        unpack.getCommand().stream()
            .map(
                arg ->
                    mounts.entrySet().stream()
                        .filter(m -> arg.startsWith(m.getKey()))
                        .findFirst()
                        .map(m -> m.getValue() + arg.substring(m.getKey().length()))
                        .orElse(arg))
            .toList();
    Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, command + ": " + output);
    Path workspace = mounts.get(operatorContainer().getWorkingDir());

    Map<String, String> expected = sources(Path.of("."));
    Map<String, String> shipped = sources(workspace);
    List<String> stale = new ArrayList<>();
    expected.forEach(
        (file, text) -> {
          if (!text.equals(shipped.get(file))) {
            stale.add(file + (shipped.containsKey(file) ? " differs" : " is missing"));
          }
        });
    shipped.keySet().stream()
        .filter(f -> !expected.containsKey(f))
        .forEach(f -> stale.add(f + " is gone here"));
    assertEquals(
        List.of(), stale, "deploy/operator-source.tar.gz is stale: run " + PACK + " and commit it");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK (javac), not a JRE");
    List<String> jars =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar"))
            .toList();
    assertTrue(
        jars.stream().anyMatch(j -> j.contains("kubernetes-client")),
        "the test class path lists the jars");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-proc:none",
                "-nowarn",
                "--release",
                "17",
                "-d",
                Files.createDirectories(temp.resolve("classes")).toString(),
                "-cp",
                String.join(File.pathSeparator, jars)));
    shipped.keySet().forEach(file -> arguments.add(workspace.resolve(file).toString()));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    assertEquals(
        0,
        javac.run(null, errors, errors, arguments.toArray(String[]::new)),
        "the shipped sources do not compile on their own:\n" + errors);
  }

  @Test
  void jbangCacheComponentPutsTheCacheOnAClaim() throws IOException {
    List<HasMetadata> objects =
        Deploy.documents(cacheOverlay()).stream().map(Deploy::typed).toList();
    PersistentVolumeClaim claim = Deploy.only(objects, PersistentVolumeClaim.class);
    Volume jbang =
        Deploy.only(objects, Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getVolumes()
            .stream()
            .filter(v -> v.getName().equals("jbang"))
            .findFirst()
            .orElseThrow();
    assertEquals(claim.getMetadata().getName(), jbang.getPersistentVolumeClaim().getClaimName());
    assertEquals(null, jbang.getEmptyDir());
    assertEquals(
        List.of("ReadWriteMany"), claim.getSpec().getAccessModes(), "both replicas mount it");
  }

  @Test
  void rbacHasNoWildcardsAndNoSecrets() {
    List<HasMetadata> objects = Deploy.objects();
    List<PolicyRule> rules = new ArrayList<>(Deploy.only(objects, ClusterRole.class).getRules());
    rules.addAll(Deploy.only(objects, Role.class).getRules());
    for (PolicyRule rule : rules) {
      for (List<String> values :
          List.of(
              rule.getApiGroups(),
              rule.getResources(),
              rule.getVerbs(),
              rule.getNonResourceURLs())) {
        assertFalse(
            values.stream().anyMatch(v -> v.contains("*")), "no wildcards: " + Rbac.describe(rule));
      }
      assertFalse(rule.getResources().contains("secrets"), "no Secrets");
    }
  }

  /**
   * An overlay as users write one: deploy/ plus the jbang-cache component (kustomize wants relative
   * paths).
   */
  private static Path cacheOverlay() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "deploy-jbang-cache"));
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        """
        resources: [../../deploy]
        components: [../../deploy/jbang-cache]
        """);
    return dir;
  }

  private static Container operatorContainer() {
    return Deploy.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Set<String> writablePaths(Container c) {
    return c.getVolumeMounts().stream()
        .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
        .map(VolumeMount::getMountPath)
        .collect(Collectors.toSet());
  }

  /**
   * operator.java and lib/**.java without lib/booster/cli, relative path to text, as the pods get
   * them.
   */
  private static Map<String, String> sources(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (Files.isRegularFile(root.resolve("operator.java"))) {
      out.put("operator.java", Files.readString(root.resolve("operator.java")));
    }
    if (Files.isDirectory(root.resolve("lib"))) {
      try (Stream<Path> files = Files.walk(root.resolve("lib"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
          if (!relative.startsWith("lib/booster/cli/")) {
            out.put(relative, Files.readString(file));
          }
        }
      }
    }
    return out;
  }

  /**
   * Adds "path: fields" for every fabric8 model object under {@code value} that kept fields it does
   * not know.
   */
  private static void unknownFields(Object value, String path, List<String> problems) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
    } else if (value instanceof Collection<?> list) {
      int i = 0;
      for (Object item : list) {
        unknownFields(item, path + "[" + i++ + "]", problems);
      }
    } else if (value != null
        && value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
      for (Method getter : value.getClass().getMethods()) {
        String name = getter.getName();
        if (getter.getParameterCount() != 0
            || Modifier.isStatic(getter.getModifiers())
            || !(name.startsWith("get") || name.startsWith("is"))
            || name.equals("getClass")) {
          continue;
        }
        Object field;
        try {
          field = getter.invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
          continue;
        }
        if (name.equals("getAdditionalProperties")) {
          if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
            problems.add(path + ": unknown fields " + extra.keySet());
          }
        } else {
          unknownFields(field, path + "." + name.replaceFirst("^(get|is)", ""), problems);
        }
      }
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

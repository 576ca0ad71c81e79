package booster.cluster;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API server integration tests run against (test-server.md), as a JUnit 5 extension:
 * {@code @RegisterExtension static final TestCluster cluster = new TestCluster();}.
 * <ul>
 * <li>default ({@code -Dbooster.test.server=mock}): fabric8's KubernetesMockServer in CRUD mode over real HTTP,
 * with the six CRDs created in it and every write request counted at the server;</li>
 * <li>{@code -Dbooster.test.server=kubeconfig}: the cluster of the current kubeconfig (kind, k3d, ...);</li>
 * <li>{@code -Dbooster.test.server=kubeapitest}: kube-api-test's etcd + kube-apiserver, from binaries already in
 * {@code KUBE_API_TEST_DIR} or {@code ~/.kubeapitest} (never downloaded).</li>
 * </ul>
 * On a real server, writes are counted at the clients this class hands out, CRDs are installed (or replaced) once,
 * and each test gets its own fresh namespace, deleted afterwards. A requested real server that is not available
 * makes every test SKIPPED (a failed assumption before each test), never passed.
 */
public final class TestCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {
  public static final String MODE = System.getProperty("booster.test.server", "mock");
  private static final Path CHILD_CRDS = Path.of("..", "shared", "reference", "kthena", "v0.4.0", "crds");
  private static final Path PROJECT_CRDS = Path.of("crds");
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  /** Held so the level setting survives garbage collection; the mock logs every request at INFO. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver.MockWebServer");

  private final List<String> writes = new CopyOnWriteArrayList<>();
  private final Map<String, Status> rejections = new ConcurrentHashMap<>();
  private final List<KubernetesClient> clients = new ArrayList<>();
  /** Null: a fresh namespace per test. */
  private final String fixedNamespace;
  /** Null: objects carry the creation time the mock gives them. */
  private final String fixedCreation;
  private KubernetesMockServer mock;
  private KubeAPIServer apiServer;
  private Config config;
  private KubernetesClient client;
  private String namespace;
  /** Why the requested real server cannot be used; every test then reports SKIPPED. */
  private String unavailable;

  public TestCluster() {
    this(null, null);
  }

  private TestCluster(String fixedNamespace, String fixedCreation) {
    this.fixedNamespace = fixedNamespace;
    this.fixedCreation = fixedCreation;
  }

  /**
   * For runs whose output is compared byte for byte across processes: every test in namespace {@code namespace},
   * and (mock only) every object reported as created at {@code created}, so that ages do not depend on the second a
   * run happened in.
   */
  public static TestCluster reproducible(String namespace, String created) {
    return new TestCluster(namespace, created);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    unavailable = null;
    switch (MODE) {
      case "mock" -> startMock();
      case "kubeconfig" -> useKubeconfig();
      case "kubeapitest" -> startKubeApiTest();
      default -> throw new IllegalArgumentException("booster.test.server must be mock, kubeconfig or kubeapitest: "
          + MODE);
    }
    if (unavailable == null) {
      client = newClient();
      installCrds();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    namespace = null;
    Assumptions.assumeTrue(unavailable == null, unavailable);
    namespace = fixedNamespace != null ? fixedNamespace
        : "booster-t" + NAMESPACES.incrementAndGet() + (isMock() ? "" : "-" + System.nanoTime() % 100000);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    writes.clear();
    rejections.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!isMock() && namespace != null) {
      client.namespaces().withName(namespace).delete();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    clients.forEach(KubernetesClient::close);
    if (mock != null) {
      mock.destroy();
    }
    if (apiServer != null) {
      apiServer.stop();
    }
  }

  public boolean isMock() {
    return mock != null;
  }

  /** The shared client of this test class. */
  public KubernetesClient client() {
    return client;
  }

  /** A further client to the same server (for a second operator instance); closed after the class. */
  public KubernetesClient newClient() {
    KubernetesClient c = isMock() ? mock.createClient() : new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("booster-write-counter", new Counter()))
        .build();
    clients.add(c);
    return c;
  }

  /** This test's namespace, fresh for each test. */
  public String namespace() {
    return namespace;
  }

  /** Write requests (method and path) seen since the test started or since {@link #resetWrites()}. */
  public List<String> writes() {
    return List.copyOf(writes);
  }

  public void resetWrites() {
    writes.clear();
  }

  /**
   * Mock only (the test is skipped on a real server): answers every write whose body contains {@code bodyText},
   * dry run or not, with {@code status}, as an admission webhook or a CEL rule would. Cleared before each test.
   */
  public void rejectWrites(String bodyText, Status status) {
    Assumptions.assumeTrue(isMock(), "rejecting chosen writes needs the mock server");
    rejections.put(bodyText, status);
  }

  private void startMock() {
    mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new CountingDispatcher(),
        false);
    mock.init();
  }

  private void useKubeconfig() {
    config = Config.autoConfigure(null);
    if (!reachable(config)) {
      unavailable = "booster.test.server=kubeconfig but no API server answers at " + config.getMasterUrl();
    }
  }

  private void startKubeApiTest() {
    String dir = System.getenv().getOrDefault("KUBE_API_TEST_DIR",
        Path.of(System.getProperty("user.home"), ".kubeapitest").toString());
    if (!Files.isDirectory(Path.of(dir, "k8s"))) {
      unavailable = "booster.test.server=kubeapitest but no kube-api-test binaries under " + dir;
      return;
    }
    apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig().withTestDir(dir)
        .withOfflineMode(true).withUpdateKubeConfig(false).build());
    apiServer.start();
    config = Config.fromKubeconfig(apiServer.getKubeConfigYaml());
  }

  private static boolean reachable(Config config) {
    Config once = new io.fabric8.kubernetes.client.ConfigBuilder(config).withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(3000).withRequestTimeout(5000).build();
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(once).build()) {
      probe.getKubernetesVersion();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void installCrds() {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> children = Files.list(CHILD_CRDS)) {
      children.filter(p -> !p.getFileName().toString().contains("modelboosters")).sorted().forEach(files::add);
      files.add(boosterCrd());
      for (Path file : files) {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file),
            CustomResourceDefinition.class);
        crd.getMetadata().setResourceVersion(null);
        var handle = client.apiextensions().v1().customResourceDefinitions().resource(crd);
        if (isMock()) {
          handle.create();
        } else {
          handle.createOr(existing -> existing.update());
          client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
              .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                  .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                  30, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project's ModelBooster CRD once it exists, else upstream's v0.4.0 one (the mock checks no schema). */
  private static Path boosterCrd() throws IOException {
    if (Files.isDirectory(PROJECT_CRDS)) {
      try (Stream<Path> files = Files.list(PROJECT_CRDS)) {
        var ours = files.filter(p -> p.getFileName().toString().contains("modelboosters")).findFirst();
        if (ours.isPresent()) {
          return ours.get();
        }
      }
    }
    return CHILD_CRDS.resolve("workload.serving.volcano.sh_modelboosters.yaml");
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /**
   * Counts writes at the mock server, for "zero writes" assertions; answers the rejections a test asked for;
   * honours dryRun=All on creates and updates by echoing the object without storing it (without the server's
   * existence checks); and answers a GET of a missing object as a real API server does (below).
   */
  private final class CountingDispatcher extends KubernetesCrudDispatcher {
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final Pattern OBJECT = Pattern.compile(
        "/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/]+)/([^/?]+)(?:\\?.*)?");
    private static final Pattern CREATED = Pattern.compile("\"creationTimestamp\":\"[^\"]*\"");
    /** The CRDs stored in the mock, as {@code plural.group}. */
    private final Set<String> crds = ConcurrentHashMap.newKeySet();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      MockResponse response = answer(request);
      if (fixedCreation == null || response.getBody() == null) {
        return response;
      }
      String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
      return response.setBody(CREATED.matcher(body).replaceAll("\"creationTimestamp\":\"" + fixedCreation + "\""));
    }

    private MockResponse answer(RecordedRequest request) {
      if (!WRITE_METHODS.contains(request.getMethod())) {
        MockResponse response = super.dispatch(request);
        return response.code() == 404 && "GET".equals(request.getMethod()) ? notFound(request.getPath()) : response;
      }
      writes.add(request.getMethod() + " " + request.getPath());
      String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
      trackCrds(request, body);
      for (Map.Entry<String, Status> rejection : rejections.entrySet()) {
        if (body.contains(rejection.getKey())) {
          return new MockResponse().setResponseCode(rejection.getValue().getCode())
              .setHeader("Content-Type", "application/json").setBody(Serialization.asJson(rejection.getValue()));
        }
      }
      boolean dryRun = request.getPath().matches(".*[?&]dryRun=All(&.*)?");
      if (dryRun && Set.of("POST", "PUT").contains(request.getMethod())) {
        return new MockResponse().setResponseCode("POST".equals(request.getMethod()) ? 201 : 200)
            .setHeader("Content-Type", "application/json").setBody(body);
      }
      return super.dispatch(request);
    }

    private void trackCrds(RecordedRequest request, String body) {
      String path = request.getPath();
      if ("POST".equals(request.getMethod()) && path.startsWith(CRDS)) {
        CustomResourceDefinition crd = Serialization.unmarshal(body, CustomResourceDefinition.class);
        crds.add(crd.getMetadata().getName());
      } else if ("DELETE".equals(request.getMethod()) && path.startsWith(CRDS + "/")) {
        crds.remove(path.substring(CRDS.length() + 1).replaceAll("\\?.*", ""));
      }
    }

    /**
     * The plain mock answers an empty 404. An API server names the missing object in a Status, and answers a bare
     * "404 page not found" when it serves no such resource (a CRD that is not installed).
     */
    private MockResponse notFound(String path) {
      Matcher m = OBJECT.matcher(path);
      String group = m.matches() && m.group(1) != null ? m.group(1) : "";
      boolean crdGroup = crds.stream().anyMatch(name -> name.endsWith("." + group));
      if (!m.matches() || (crdGroup && !crds.contains(m.group(2) + "." + group))) {
        return new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/plain")
            .setBody("404 page not found\n");
      }
      String resource = group.isEmpty() ? m.group(2) : m.group(2) + "." + group;
      Status status = new StatusBuilder().withStatus("Failure").withReason("NotFound").withCode(404)
          .withMessage(resource + " \"" + m.group(3) + "\" not found")
          .withNewDetails().withName(m.group(3)).withGroup(group).withKind(m.group(2)).endDetails().build();
      return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
          .setBody(Serialization.asJson(status));
    }
  }

  /** Counts writes at a client, where the server cannot be instrumented. */
  private final class Counter implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
      if (WRITE_METHODS.contains(request.method())) {
        writes.add(request.method() + " " + request.uri().getRawPath()
            + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
      }
    }
  }
}

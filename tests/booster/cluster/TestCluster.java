package booster.cluster;

import booster.TestSerialization;
import booster.translate.Golden;
import booster.translate.KthenaProfile;
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
import java.util.HashSet;
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
 * The API server integration tests run against (docs/design.md §8.2, §8.3), as a JUnit 5 extension:
 * {@code @RegisterExtension static final TestCluster cluster = new TestCluster();}.
 *
 * <ul>
 *   <li>default ({@code -Dbooster.test.server=mock}): fabric8's KubernetesMockServer in CRUD mode
 *       over real HTTP, with our ModelBooster CRD and the child CRDs of one Kthena release created
 *       in it, every request recorded and every write counted at the server. Like a real API
 *       server, it answers 404 for a Kthena kind whose CRD is not installed and serves the OpenAPI
 *       v3 document of the Kthena groups, built from the installed CRDs;
 *   <li>{@code -Dbooster.test.server=kubeconfig}: the cluster of the current kubeconfig (kind, k3d,
 *       ...);
 *   <li>{@code -Dbooster.test.server=kubeapitest}: kube-api-test's etcd + kube-apiserver, from
 *       binaries already in {@code KUBE_API_TEST_DIR} or {@code ~/.kubeapitest} (never downloaded).
 * </ul>
 *
 * On a real server, writes are counted at the clients this class hands out, CRDs are installed
 * once, and each test gets its own fresh namespace, deleted afterwards. Child CRDs that a Kthena
 * installation put there (without our {@value #INSTALLED_BY} label) are never replaced or deleted:
 * when they belong to another Kthena release than the test class asks for, its tests are skipped. A
 * requested real server that is not available makes every test SKIPPED (a failed assumption before
 * each test), never passed. In every mode, the requests of the operator's clients ({@link
 * #newClient()}) are recorded in {@link ApiRequests} for the RBAC test.
 */
public final class TestCluster
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  public static final String MODE = System.getProperty("booster.test.server", "mock");

  /**
   * Marks the CRDs the tests installed on a real server (so they may replace or delete them later).
   */
  static final String INSTALLED_BY = "booster.test/installed-by";

  private static final Path REFERENCE = Golden.REFERENCE;
  private static final String DEFAULT_TAG = "v0.4.0";
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final String BINDINGS = "autoscalingpolicybindings.workload.serving.volcano.sh";

  /** A path of a Kthena custom resource: group, then plural. */
  private static final Pattern KTHENA_RESOURCE =
      Pattern.compile(
          "/apis/([a-z.]+\\.volcano\\.sh)/v1alpha1/(?:namespaces/[^/]+/)?([a-z]+)(?:/.*)?");

  private static final Pattern OPENAPI_V3_GROUP =
      Pattern.compile("/openapi/v3/apis/([^/]+)/([^/]+)");
  private static final Path PROJECT_CRDS = Path.of("crds");
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  /** Held so the level setting survives garbage collection; the mock logs every request at INFO. */
  private static final java.util.logging.Logger MOCK_LOG =
      quiet("io.fabric8.mockwebserver.MockWebServer");

  private final String kthenaTag;
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean openApiV3 = true;
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
  private String operatorNamespace;

  /** Why the requested real server cannot be used; every test then reports SKIPPED. */
  private String unavailable;

  /** With the child CRDs of Kthena v0.4.0. */
  public TestCluster() {
    this(DEFAULT_TAG);
  }

  private TestCluster(String kthenaTag) {
    this(kthenaTag, null, null);
  }

  private TestCluster(String kthenaTag, String fixedNamespace, String fixedCreation) {
    this.kthenaTag = kthenaTag;
    this.fixedNamespace = fixedNamespace;
    this.fixedCreation = fixedCreation;
  }

  /**
   * With the child CRDs of the Kthena release {@code tag} (a folder of the reference data, e.g.
   * v1.0.0).
   */
  public static TestCluster kthena(String tag) {
    return new TestCluster(tag);
  }

  /**
   * For runs whose output is compared byte for byte across processes: the child CRDs of Kthena
   * {@code tag} (null: the default release), every test in namespace {@code namespace}, and (mock
   * only) every object reported as created at {@code created}, so that ages do not depend on the
   * second a run happened in.
   */
  public static TestCluster reproducible(String tag, String namespace, String created) {
    return new TestCluster(tag == null ? DEFAULT_TAG : tag, namespace, created);
  }

  /** The profile the class's Kthena release wants. */
  public KthenaProfile profile() {
    return profileOf(kthenaTag);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    unavailable = null;
    if (context != null) {
      // Outside JUnit (a reproducible cluster started by a program) there is no class to record
      // requests for.
      ApiRequests.testClass(context.getRequiredTestClass());
    }
    switch (MODE) {
      case "mock" -> startMock();
      case "kubeconfig" -> useKubeconfig();
      case "kubeapitest" -> startKubeApiTest();
      default ->
          throw new IllegalArgumentException(
              "booster.test.server must be mock, kubeconfig or kubeapitest: " + MODE);
    }
    if (unavailable == null) {
      client = createClient(false);
      installCrds();
    }
  }

  private static KthenaProfile profileOf(String tag) {
    return KthenaProfile.parse(tag.substring(0, tag.lastIndexOf('.')));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    namespace = null;
    operatorNamespace = null;
    Assumptions.assumeTrue(unavailable == null, unavailable);
    namespace =
        fixedNamespace != null
            ? fixedNamespace
            : "booster-t"
                + NAMESPACES.incrementAndGet()
                + (isMock() ? "" : "-" + System.nanoTime() % 100000);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    writes.clear();
    requests.clear();
    rejections.clear();
    openApiV3 = true;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!isMock()) {
      for (String ns : new String[] {namespace, operatorNamespace}) {
        if (ns != null) {
          client.namespaces().withName(ns).delete();
        }
      }
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

  /**
   * A client for an operator instance, whose requests {@link ApiRequests} records; closed after the
   * class.
   */
  public KubernetesClient newClient() {
    return createClient(true);
  }

  private KubernetesClient createClient(boolean operator) {
    KubernetesClient c;
    if (isMock()) {
      c =
          operator
              ? mock.createClient(
                  b ->
                      b.withHttpClientBuilderConsumer(
                          h ->
                              h.addOrReplaceInterceptor(
                                  "booster-requests", ApiRequests.recorder())))
              : mock.createClient();
    } else {
      c =
          new KubernetesClientBuilder()
              .withConfig(config)
              .withHttpClientBuilderConsumer(
                  b -> {
                    b.addOrReplaceInterceptor("booster-write-counter", new Counter());
                    if (operator) {
                      b.addOrReplaceInterceptor("booster-requests", ApiRequests.recorder());
                    }
                  })
              .build();
    }
    clients.add(c);
    return c;
  }

  /** This test's namespace, fresh for each test. */
  public String namespace() {
    return namespace;
  }

  /**
   * A second namespace of this test that stands for the operator's own namespace (where its Lease
   * lives, like {@code booster-system} in deploy/), so the RBAC test can tell the namespaced Role's
   * requests from the rest.
   */
  public String operatorNamespace() {
    if (operatorNamespace == null) {
      operatorNamespace = namespace + "-operator";
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(operatorNamespace)
                  .endMetadata()
                  .build())
          .create();
      ApiRequests.operatorNamespace(operatorNamespace);
    }
    return operatorNamespace;
  }

  /**
   * Write requests (method and path) seen since the test started or since {@link #resetWrites()}.
   */
  public List<String> writes() {
    return List.copyOf(writes);
  }

  public void resetWrites() {
    writes.clear();
  }

  /**
   * Mock only (the test is skipped on a real server): every request (method and path) since the
   * test started.
   */
  public List<String> requests() {
    Assumptions.assumeTrue(isMock(), "recording every request needs the mock server");
    return List.copyOf(requests);
  }

  /**
   * Mock only (the test is skipped on a real server): {@code false} answers 404 for the OpenAPI v3
   * documents, as an API server without OpenAPI v3 (before Kubernetes 1.24, or behind a proxy that
   * hides it) does. Reset before each test.
   */
  public void openApiV3(boolean served) {
    Assumptions.assumeTrue(isMock(), "hiding OpenAPI v3 needs the mock server");
    openApiV3 = served;
  }

  /**
   * Makes the cluster serve the autoscaling kinds of the Kthena release {@code tag}, as an upgrade
   * (or downgrade) with its CRDs applied does: its AutoscalingPolicy (and binding) CRDs are
   * installed or replaced, a binding CRD it does not have is deleted. (ModelServing, ModelServer
   * and ModelRoute are the same in v0.4 and v1.0, and their CRDs are large: they are left as they
   * are.) On a real server only CRDs these tests installed are replaced or deleted; otherwise the
   * test is skipped.
   */
  public void serveKthena(String tag) {
    Set<String> wanted = new HashSet<>();
    for (Path file : childCrdFiles(tag)) {
      if (file.getFileName().toString().contains("_autoscaling")) {
        wanted.add(install(file));
      }
    }
    if (!wanted.contains(BINDINGS)) {
      deleteCrd(BINDINGS);
    }
  }

  /**
   * Installs (or replaces) one child CRD of the release {@code tag}, e.g. a binding CRD left behind
   * by an upgrade.
   */
  public void installChildCrd(String tag, String plural) {
    install(
        childCrdFiles(tag).stream()
            .filter(p -> p.getFileName().toString().contains("_" + plural + "."))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no CRD for " + plural + " in " + tag)));
  }

  /**
   * Deletes one child CRD (mock, or a CRD these tests installed; otherwise the test is skipped).
   */
  public void deleteChildCrd(String plural) {
    deleteCrd(plural + ".workload.serving.volcano.sh");
  }

  /**
   * Mock only (the test is skipped on a real server): answers every write whose body contains
   * {@code bodyText}, dry run or not, with {@code status}, as an admission webhook or a CEL rule
   * would (CRD installs excepted). Cleared before each test.
   */
  public void rejectWrites(String bodyText, Status status) {
    Assumptions.assumeTrue(isMock(), "rejecting chosen writes needs the mock server");
    rejections.put(bodyText, status);
  }

  private void startMock() {
    mock =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new CountingDispatcher(), false);
    mock.init();
  }

  private void useKubeconfig() {
    config = Config.autoConfigure(null);
    if (!reachable(config)) {
      unavailable =
          "booster.test.server=kubeconfig but no API server answers at " + config.getMasterUrl();
    }
  }

  private void startKubeApiTest() {
    String dir =
        System.getenv()
            .getOrDefault(
                "KUBE_API_TEST_DIR",
                Path.of(System.getProperty("user.home"), ".kubeapitest").toString());
    if (!Files.isDirectory(Path.of(dir, "k8s"))) {
      unavailable = "booster.test.server=kubeapitest but no kube-api-test binaries under " + dir;
      return;
    }
    apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
    apiServer.start();
    config = Config.fromKubeconfig(apiServer.getKubeConfigYaml());
  }

  private static boolean reachable(Config config) {
    Config once =
        new io.fabric8.kubernetes.client.ConfigBuilder(config)
            .withRequestRetryBackoffLimit(0)
            .withConnectionTimeout(3000)
            .withRequestTimeout(5000)
            .build();
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(once).build()) {
      probe.getKubernetesVersion();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void installCrds() {
    try {
      install(boosterCrd());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (isMock()) {
      childCrdFiles(kthenaTag).forEach(this::install);
      return;
    }
    for (Path file : childCrdFiles(kthenaTag)) {
      CustomResourceDefinition crd = read(file);
      CustomResourceDefinition existing = crdClient().withName(crd.getMetadata().getName()).get();
      if (existing == null || installedByUs(existing)) {
        install(file);
      }
    }
    CustomResourceDefinition bindings = crdClient().withName(BINDINGS).get();
    if (profile() == KthenaProfile.V1_0 && bindings != null && installedByUs(bindings)) {
      deleteCrd(BINDINGS);
    }
    CustomResourceDefinition policies =
        crdClient().withName("autoscalingpolicies.workload.serving.volcano.sh").get();
    if (policies != null && !installedByUs(policies) && profileOfCrd(policies) != profile()) {
      unavailable =
          "the cluster runs Kthena "
              + profileOfCrd(policies)
              + " (its own CRDs), and these tests need "
              + "Kthena "
              + profile()
              + ": its CRDs are left alone";
    }
  }

  private static List<Path> childCrdFiles(String tag) {
    try (Stream<Path> children = Files.list(REFERENCE.resolve(tag).resolve("crds"))) {
      return children
          .filter(p -> !p.getFileName().toString().contains("modelboosters"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CustomResourceDefinition read(Path file) {
    try {
      CustomResourceDefinition crd =
          TestSerialization.KUBERNETES.unmarshal(
              Files.readString(file), CustomResourceDefinition.class);
      crd.getMetadata().setResourceVersion(null);
      return crd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          CustomResourceDefinition,
          io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList,
          io.fabric8.kubernetes.client.dsl.Resource<CustomResourceDefinition>>
      crdClient() {
    return client.apiextensions().v1().customResourceDefinitions();
  }

  private static boolean installedByUs(CustomResourceDefinition crd) {
    return crd.getMetadata().getLabels() != null
        && crd.getMetadata().getLabels().containsKey(INSTALLED_BY);
  }

  /** v1.0 moved the scaling target into AutoscalingPolicy. */
  private static KthenaProfile profileOfCrd(CustomResourceDefinition policies) {
    return TestSerialization.KUBERNETES.asJson(policies.getSpec()).contains("\"homogeneousTarget\"")
        ? KthenaProfile.V1_0
        : KthenaProfile.V0_4;
  }

  /**
   * Installs or replaces a CRD from a file; returns its name. On a real server, waits until it is
   * established.
   */
  private String install(Path file) {
    CustomResourceDefinition crd = read(file);
    String name = crd.getMetadata().getName();
    if (!isMock()) {
      CustomResourceDefinition existing = crdClient().withName(name).get();
      Assumptions.assumeTrue(
          existing == null || installedByUs(existing) || name.startsWith("modelboosters."),
          "CRD " + name + " belongs to a Kthena installation; these tests do not replace it");
      crd.getMetadata().setLabels(Map.of(INSTALLED_BY, "kubectl-booster-tests"));
    }
    // Replaced in place, as kubectl apply does: the kind stays served throughout.
    crdClient().resource(crd).createOr(existing -> existing.update());
    if (!isMock()) {
      crdClient()
          .withName(name)
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              cond ->
                                  "Established".equals(cond.getType())
                                      && "True".equals(cond.getStatus())),
              30,
              TimeUnit.SECONDS);
    }
    return name;
  }

  private void deleteCrd(String name) {
    CustomResourceDefinition existing = crdClient().withName(name).get();
    if (existing == null) {
      return;
    }
    Assumptions.assumeTrue(
        isMock() || installedByUs(existing),
        "CRD " + name + " belongs to a Kthena installation; these tests do not delete it");
    crdClient().withName(name).delete();
    if (!isMock()) {
      crdClient()
          .withName(name)
          .waitUntilCondition(java.util.Objects::isNull, 60, TimeUnit.SECONDS);
    }
  }

  /**
   * The project's ModelBooster CRD once it exists, else upstream's v0.4.0 one (the mock checks no
   * schema).
   */
  private static Path boosterCrd() throws IOException {
    if (Files.isDirectory(PROJECT_CRDS)) {
      try (Stream<Path> files = Files.list(PROJECT_CRDS)) {
        var ours =
            files.filter(p -> p.getFileName().toString().contains("modelboosters")).findFirst();
        if (ours.isPresent()) {
          return ours.get();
        }
      }
    }
    return REFERENCE
        .resolve(DEFAULT_TAG)
        .resolve("crds")
        .resolve("workload.serving.volcano.sh_modelboosters.yaml");
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /**
   * Records every request and counts writes at the mock server, for "zero writes" assertions;
   * answers the rejections a test asked for; honours dryRun=All on creates and updates by echoing
   * the object without storing it (without the server's existence checks); answers 404 for a Kthena
   * kind whose CRD is not installed, names the missing object in the 404 of a GET, and serves the
   * OpenAPI v3 document of a group from its installed CRDs, as a real API server does.
   */
  private final class CountingDispatcher extends KubernetesCrudDispatcher {
    private static final Pattern OBJECT =
        Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/]+)/([^/?]+)(?:\\?.*)?");
    private static final Pattern CREATED = Pattern.compile("\"creationTimestamp\":\"[^\"]*\"");

    /** OpenAPI v3 documents by group and version, built once per set of CRDs (they are large). */
    private final Map<String, String> openApiDocuments = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      MockResponse response = answer(request);
      if (fixedCreation == null || response.getBody() == null) {
        return response;
      }
      String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
      return response.setBody(
          CREATED.matcher(body).replaceAll("\"creationTimestamp\":\"" + fixedCreation + "\""));
    }

    private MockResponse answer(RecordedRequest request) {
      requests.add(request.getMethod() + " " + request.getPath());
      String path = request.getPath().replaceFirst("\\?.*", "");
      Matcher openApi = OPENAPI_V3_GROUP.matcher(path);
      if (openApi.matches()) {
        String document =
            openApiV3
                ? openApiDocuments.computeIfAbsent(
                    openApi.group(1) + "/" + openApi.group(2),
                    k -> openApiV3(openApi.group(1), openApi.group(2)))
                : "";
        return document.isEmpty()
            ? json(
                404,
                new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(404)
                    .withReason("NotFound")
                    .withMessage("404 page not found")
                    .build())
            : new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "application/json")
                .setBody(document);
      }
      if (path.startsWith(CRDS) && WRITE_METHODS.contains(request.getMethod())) {
        openApiDocuments.clear();
      }
      Matcher kthena = KTHENA_RESOURCE.matcher(path);
      if (kthena.matches()
          && handleGet(CRDS + "/" + kthena.group(2) + "." + kthena.group(1)).code() != 200) {
        return json(
            404,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(404)
                .withReason("NotFound")
                .withMessage("the server could not find the requested resource")
                .build());
      }
      if (!WRITE_METHODS.contains(request.getMethod())) {
        MockResponse response = super.dispatch(request);
        return response.code() == 404 && "GET".equals(request.getMethod())
            ? notFound(request.getPath())
            : response;
      }
      writes.add(request.getMethod() + " " + request.getPath());
      String body =
          request.getBody() == null
              ? ""
              : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, Status> rejection : rejections.entrySet()) {
        if (body.contains(rejection.getKey()) && !path.startsWith(CRDS)) {
          return json(rejection.getValue().getCode(), rejection.getValue());
        }
      }
      boolean dryRun = request.getPath().matches(".*[?&]dryRun=All(&.*)?");
      if (dryRun && Set.of("POST", "PUT").contains(request.getMethod())) {
        return new MockResponse()
            .setResponseCode("POST".equals(request.getMethod()) ? 201 : 200)
            .setHeader("Content-Type", "application/json")
            .setBody(body);
      }
      return super.dispatch(request);
    }

    /**
     * The plain mock answers an empty 404 where an API server names the missing object in a Status.
     */
    private MockResponse notFound(String path) {
      Matcher m = OBJECT.matcher(path);
      if (!m.matches()) {
        return new MockResponse()
            .setResponseCode(404)
            .setHeader("Content-Type", "text/plain")
            .setBody("404 page not found\n");
      }
      String group = m.group(1) == null ? "" : m.group(1);
      String resource = group.isEmpty() ? m.group(2) : m.group(2) + "." + group;
      return json(
          404,
          new StatusBuilder()
              .withStatus("Failure")
              .withReason("NotFound")
              .withCode(404)
              .withMessage(resource + " \"" + m.group(3) + "\" not found")
              .withNewDetails()
              .withName(m.group(3))
              .withGroup(group)
              .withKind(m.group(2))
              .endDetails()
              .build());
    }

    /**
     * The group's schemas as Kubernetes publishes CRDs in OpenAPI v3: one component per served
     * kind, named {@code <reversed group>.<version>.<Kind>}, tagged with its group, version and
     * kind.
     */
    private String openApiV3(String group, String version) {
      Map<String, Object> schemas = new java.util.TreeMap<>();
      for (CustomResourceDefinition crd :
          TestSerialization.KUBERNETES
              .unmarshal(
                  new String(handleGet(CRDS).getBody().getBytes(), StandardCharsets.UTF_8),
                  io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList
                      .class)
              .getItems()) {
        if (!group.equals(crd.getSpec().getGroup())) {
          continue;
        }
        String kind = crd.getSpec().getNames().getKind();
        crd.getSpec().getVersions().stream()
            .filter(v -> v.getName().equals(version) && v.getServed())
            .forEach(
                v -> {
                  @SuppressWarnings("unchecked")
                  Map<String, Object> openApi =
                      TestSerialization.KUBERNETES.convertValue(
                          v.getSchema().getOpenAPIV3Schema(), Map.class);
                  Map<String, Object> schema = new HashMap<>(openApi);
                  schema.put(
                      "x-kubernetes-group-version-kind",
                      List.of(Map.of("group", group, "version", version, "kind", kind)));
                  List<String> reversed = new ArrayList<>(List.of(group.split("\\.")));
                  java.util.Collections.reverse(reversed);
                  schemas.put(String.join(".", reversed) + "." + version + "." + kind, schema);
                });
      }
      return schemas.isEmpty()
          ? ""
          : TestSerialization.KUBERNETES.asJson(
              Map.of("openapi", "3.0.0", "components", Map.of("schemas", schemas)));
    }

    private MockResponse json(int code, Object body) {
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(TestSerialization.KUBERNETES.asJson(body));
    }
  }

  /** Counts writes at a client, where the server cannot be instrumented. */
  private final class Counter implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
      if (WRITE_METHODS.contains(request.method())) {
        writes.add(
            request.method()
                + " "
                + request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
      }
    }
  }
}

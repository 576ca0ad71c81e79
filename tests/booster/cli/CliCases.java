package booster.cli;

import booster.api.ManifestReader;
import booster.api.ModelBooster;
import booster.cluster.Kinds;
import booster.cluster.TestCluster;
import booster.translate.ChildKind;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugin's command lines as users type them, offline and against a seeded mock API server: the
 * differential suite that every build of the plugin (the JVM one, the native binary) must answer
 * identically, and the runs whose class-load traces make the native image's reachability metadata.
 * Cluster cases run each against a fresh {@link TestCluster#reproducible reproducible} mock, so two
 * runs see the same state.
 */
final class CliCases {
  /** The namespace and creation time of every seeded object, the same for every run. */
  static final String NAMESPACE = "booster-diff";

  static final String CREATED = "2026-01-01T00:00:00Z";

  /** Puts what a case needs into a fresh cluster. */
  interface Setup {
    void seed(TestCluster cluster, Seeds seeds);
  }

  /**
   * @param kthena the Kthena release whose child CRDs the cluster serves (a reference folder such
   *     as v1.0.0), null for the default
   * @param setup null for an offline case; otherwise the run gets {@code --kubeconfig} of the
   *     seeded cluster (contexts {@code test}, {@code elsewhere} and {@code dead}, see {@link
   *     PluginFixture#kubeconfig})
   */
  record Case(
      String name,
      String kthena,
      Setup setup,
      String stdin,
      Map<String, String> env,
      List<String> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<String> EXAMPLES =
      List.of(
          "single-gpu",
          "multi-node-ray",
          "prefill-decode",
          "legacy-multi-backend",
          "fixed-replicas",
          "prefill-decode-role-autoscaling",
          "gateway-routes");

  private final List<Case> cases = new ArrayList<>();

  private CliCases() {}

  static List<Case> all() {
    CliCases c = new CliCases();
    c.offline();
    c.cluster();
    return List.copyOf(c.cases);
  }

  /** A few cases over every command, for checks that cannot afford the whole suite. */
  static List<Case> representative() {
    List<String> names =
        List.of(
            "--help",
            "completion bash",
            "create prefill-decode -o yaml",
            "create legacy-multi-backend -o json",
            "status progressing",
            "status -A -o json",
            "tree progressing",
            "diff drifted",
            "create new",
            "create --apply --dry-run=server",
            "status without the CRD",
            "status on a dead server");
    List<Case> all = all();
    List<Case> chosen =
        names.stream()
            .map(
                n ->
                    all.stream()
                        .filter(c -> c.name().equals(n))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no case " + n)))
            .toList();
    return chosen;
  }

  private void offline(String name, String... args) {
    cases.add(new Case(name, null, null, "", Map.of(), List.of(args)));
  }

  private void onKthena10(String name, Setup setup, String... args) {
    cases.add(new Case(name, "v1.0.0", setup, "", Map.of(), List.of(args)));
  }

  private void cluster(String name, Setup setup, String... args) {
    cases.add(new Case(name, null, setup, "", Map.of(), List.of(args)));
  }

  private void offline() {
    offline("--version", "--version");
    offline("--help", "--help");
    offline("no arguments");
    offline("unknown command", "frobnicate");
    for (String command : List.of("create", "diff", "status", "tree", "completion", "version")) {
      offline(command + " --help", command, "--help");
    }
    offline("version", "version");
    offline("unknown command with a suggestion", "stauts", "qwen");
    offline("complete a subcommand", "__complete", "");
    offline("complete a flag", "__complete", "status", "--o");
    offline("complete -o", "__complete", "status", "qwen", "-o", "");
    offline("complete -f", "__complete", "create", "-f", "");
    offline("create -R", "create", "-f", "examples", "-R", "--dry-run=client", "-o", "name");
    offline("status -o jsonpath with a mistake", "status", "-o", "jsonpath={.a");
    offline("completion bash", "completion", "bash");
    offline("completion zsh", "completion", "zsh");
    offline("completion fish", "completion", "fish");
    for (String example : EXAMPLES) {
      String file = "examples/" + example + ".yaml";
      offline("create " + example, "create", "-f", file, "--dry-run=client");
      offline(
          "create " + example + " -o json", "create", "-f", file, "--dry-run=client", "-o", "json");
      offline("create " + example + " -o yaml", "create", "-f", file, "--dry-run", "-o", "yaml");
    }
    offline(
        "create --kthena-version v0.4",
        "create",
        "-f",
        "examples/prefill-decode.yaml",
        "--dry-run=client",
        "--kthena-version",
        "v0.4");
    offline(
        "create role autoscaling for v0.4",
        "create",
        "-f",
        "examples/prefill-decode-role-autoscaling.yaml",
        "--dry-run=client",
        "--kthena-version=v0.4");
    offline(
        "create a bad --kthena-version",
        "create",
        "-f",
        "examples/single-gpu.yaml",
        "--dry-run=client",
        "--kthena-version",
        "v2");
    cases.add(
        new Case(
            "create with BOOSTER_KTHENA_VERSION",
            null,
            null,
            "",
            Map.of("BOOSTER_KTHENA_VERSION", "v0.4"),
            List.of(
                "create", "-f", "examples/fixed-replicas.yaml", "--dry-run=client", "-o", "json")));
    offline(
        "create examples/ -o name", "create", "-f", "examples", "--dry-run=client", "-o", "name");
    offline(
        "create -n namespace",
        "create",
        "-f",
        "examples/single-gpu.yaml",
        "--dry-run=client",
        "-n",
        "models");
    offline(
        "create -n conflicting",
        "create",
        "-f",
        "examples/prefill-decode.yaml",
        "--dry-run=client",
        "-n",
        "models");
    offline(
        "create with images",
        "create",
        "-f",
        "examples/single-gpu.yaml",
        "--dry-run=client",
        "--downloader-image",
        "registry.local/downloader:1",
        "--runtime-image",
        "registry.local/runtime:1");
    cases.add(
        new Case(
            "create with image variables",
            null,
            null,
            "",
            Map.of("BOOSTER_RUNTIME_IMAGE", "rt:2", "BOOSTER_DOWNLOADER_IMAGE", "dl:2"),
            List.of("create", "-f", "examples/single-gpu.yaml", "--dry-run=client")));
    String singleGpu = read("examples/single-gpu.yaml");
    cases.add(
        new Case(
            "create from stdin",
            null,
            null,
            singleGpu,
            Map.of(),
            List.of("create", "-f", "-", "--dry-run=client", "-o", "json")));
    cases.add(
        new Case(
            "create an invalid booster",
            null,
            null,
            singleGpu
                .replace("minReplicas: 1", "minReplicas: -1")
                .replace("name: qwen-chat", "name: Qwen_Chat")
                .replace("type: server", "type: router"),
            Map.of(),
            List.of("create", "-f", "-", "--dry-run=client")));
    cases.add(
        new Case(
            "create a non-booster",
            null,
            null,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
            Map.of(),
            List.of("create", "-f", "-", "--dry-run=client")));
    cases.add(
        new Case(
            "create broken YAML",
            null,
            null,
            "kind: ModelBooster\nspec: [\n",
            Map.of(),
            List.of("create", "-f", "-", "--dry-run=client")));
    offline("create a missing file", "create", "-f", "no/such.yaml", "--dry-run=client");
    offline("create a bad --wait", "create", "-f", "examples/single-gpu.yaml", "--wait=soon");
    offline("create an unknown option", "create", "-f", "examples/single-gpu.yaml", "--frobnicate");
    offline("status without NAME", "status");
    offline("status NAME and -A", "status", "qwen", "-A");
    offline("status -o name", "status", "qwen", "-o", "name");
    offline("diff without input", "diff");
    offline("tree without kubeconfig", "tree", "qwen", "--kubeconfig", "/no/such/kubeconfig");
  }

  private void cluster() {
    Setup none = (cluster, seeds) -> {};
    cluster("status progressing", CliCases::progressing, "status", "qwen");
    cluster("status progressing -o yaml", CliCases::progressing, "status", "qwen", "-o", "yaml");
    cluster("status progressing -o json", CliCases::progressing, "status", "qwen", "-o", "json");
    cluster("status -A", CliCases::progressing, "status", "-A");
    cluster("status -A -o json", CliCases::progressing, "status", "-A", "-o", "json");
    cluster("status -A when empty", none, "status", "-A");
    cluster("status of the namespace", CliCases::progressing, "status");
    cluster("status -o wide", CliCases::progressing, "status", "-o", "wide");
    cluster("status -l", CliCases::progressing, "status", "-l", "team=search");
    cluster("status -o name of the namespace", CliCases::progressing, "status", "-o", "name");
    cluster(
        "status -o jsonpath",
        CliCases::progressing,
        "status",
        "qwen",
        "-o",
        "jsonpath={range .children[*]}{.kind}/{.name}: {.status}{\"\\n\"}{end}");
    cluster(
        "status -A -o jsonpath",
        CliCases::progressing,
        "status",
        "-A",
        "-o",
        "jsonpath={.items[*].name}");
    cluster(
        "create --dry-run=client in the context's namespace",
        none,
        "create",
        "-f",
        "examples/single-gpu.yaml",
        "--dry-run=client",
        "-o",
        "json");
    cluster("status of a missing booster", none, "status", "nope");
    cluster(
        "status in another context",
        CliCases::progressing,
        "status",
        "qwen",
        "--context",
        "elsewhere");
    cluster("status -n", CliCases::progressing, "status", "qwen", "-n", "elsewhere");
    cluster(
        "status on a dead server",
        none,
        "status",
        "qwen",
        "--context",
        "dead",
        "--request-timeout",
        "3s");
    cluster("status in an unknown context", none, "status", "qwen", "--context", "zz");
    cluster("status without the CRD", CliCases::withoutCrd, "status", "qwen");
    cluster("tree progressing", CliCases::progressing, "tree", "qwen");
    cluster("tree with a foreign child", CliCases::foreignChild, "tree", "qwen-chat");
    cluster("tree of a missing booster", none, "tree", "nope");
    cluster("tree without the CRD", CliCases::withoutCrd, "tree", "qwen");
    cluster("diff applied", CliCases::applied, "diff", "qwen-chat");
    cluster("diff applied -f", CliCases::applied, "diff", "-f", "examples/single-gpu.yaml");
    cluster("diff new", none, "diff", "-f", "examples/prefill-decode.yaml");
    cluster("diff drifted", CliCases::drifted, "diff", "qwen-chat");
    cluster("diff a stale child", CliCases::foreignChild, "diff", "-f", "examples/single-gpu.yaml");
    cases.add(
        new Case(
            "diff with KUBECTL_EXTERNAL_DIFF",
            null,
            CliCases::drifted,
            "",
            Map.of("KUBECTL_EXTERNAL_DIFF", "true"),
            List.of("diff", "qwen-chat")));
    cluster("diff of a missing booster", none, "diff", "nope");
    cluster(
        "diff on a dead server",
        none,
        "diff",
        "-f",
        "examples/single-gpu.yaml",
        "--context",
        "dead");
    cluster("create new", none, "create", "-f", "examples/single-gpu.yaml");
    cluster(
        "create new -o yaml",
        none,
        "create",
        "-f",
        "examples/legacy-multi-backend.yaml",
        "-o",
        "yaml");
    cluster("create examples/", none, "create", "-f", "examples");
    cluster("create existing", CliCases::applied, "create", "-f", "examples/single-gpu.yaml");
    cluster(
        "create --apply unchanged",
        CliCases::applied,
        "create",
        "-f",
        "examples/single-gpu.yaml",
        "--apply");
    cluster(
        "create --apply --dry-run=server",
        CliCases::applied,
        "create",
        "-f",
        "examples/single-gpu.yaml",
        "--apply",
        "--dry-run=server",
        "--runtime-image",
        "rt:3");
    cluster(
        "create --dry-run=server -o json",
        none,
        "create",
        "-f",
        "examples/prefill-decode.yaml",
        "--dry-run=server",
        "-o",
        "json");
    cluster(
        "create rejected by the server",
        CliCases::rejecting,
        "create",
        "-f",
        "examples/single-gpu.yaml");
    cluster(
        "create --wait that times out",
        none,
        "create",
        "-f",
        "examples/single-gpu.yaml",
        "--wait=1s");
    cluster(
        "create without the CRD", CliCases::withoutCrd, "create", "-f", "examples/single-gpu.yaml");
    onKthena10("status on Kthena v1.0", CliCases::applied, "status", "qwen-chat");
    onKthena10("tree on Kthena v1.0", CliCases::applied, "tree", "qwen-chat");
    onKthena10("diff new on Kthena v1.0", none, "diff", "-f", "examples/prefill-decode.yaml");
    onKthena10(
        "create on Kthena v1.0",
        none,
        "create",
        "-f",
        "examples/prefill-decode-role-autoscaling.yaml",
        "-o",
        "yaml");
    onKthena10(
        "create for v0.4 on Kthena v1.0",
        none,
        "create",
        "-f",
        "examples/prefill-decode.yaml",
        "--kthena-version",
        "v0.4",
        "--dry-run=server");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A booster waiting for its second ModelServing, with one pod Running and one Pending. */
  static ModelBooster progressing(TestCluster cluster, Seeds seeds) {
    ModelBooster booster = seeds.booster("qwen");
    booster =
        seeds.status(
            booster,
            1,
            List.of(
                List.of("Initialized", "True", "ModelCreating", "ModelBooster initialized"),
                List.of(
                    "Active", "False", "ModelProcessing", "ModelServing qwen-b not available")));
    GenericKubernetesResource a =
        seeds.child(ChildKind.MODEL_SERVING, booster, "qwen-a", Map.of("replicas", 1));
    GenericKubernetesResource b =
        seeds.child(ChildKind.MODEL_SERVING, booster, "qwen-b", Map.of("replicas", 2));
    seeds.child(ChildKind.MODEL_ROUTE, booster, "qwen", Map.of("modelName", "qwen"));
    seeds.servingStatus(a, 1, "True", "AllGroupsReady");
    seeds.servingStatus(b, 0, "False", "GroupsNotReady");
    seeds.pod(booster, "qwen-a", "qwen-a-0", "Running", true);
    seeds.pod(booster, "qwen-b", "qwen-b-0", "Pending", false);
    seeds.pod(booster, "qwen-b", "qwen-b-1", "Running", true);
    seeds.event("qwen", "qwen.1", "Normal", "ChildCreated", "created ModelServing qwen-a");
    seeds.event("other", "other.1", "Normal", "ChildCreated", "not about qwen");
    return booster;
  }

  /** examples/single-gpu.yaml stored with the children the operator would apply. */
  static ModelBooster applied(TestCluster cluster, Seeds seeds) {
    ModelBooster booster = ManifestReader.readFile(Path.of("examples/single-gpu.yaml")).get(0);
    booster.getMetadata().setNamespace(cluster.namespace());
    booster = Kinds.boosters(cluster.client()).resource(booster).create();
    for (GenericKubernetesResource child :
        new Translator(TranslatorConfig.fromEnvironment(Map.of())).translate(booster)) {
      Kinds.children(cluster.client(), ChildKind.ofKind(child.getKind()))
          .inNamespace(cluster.namespace())
          .resource(child)
          .create();
    }
    return booster;
  }

  /** As {@link #applied}, with the ModelServing's replicas edited by hand. */
  static void drifted(TestCluster cluster, Seeds seeds) {
    applied(cluster, seeds);
    var servings =
        Kinds.children(cluster.client(), ChildKind.MODEL_SERVING).inNamespace(cluster.namespace());
    GenericKubernetesResource serving = servings.withName("qwen-chat-gpu").get();
    Map<String, Object> spec = serving.get("spec");
    spec.put("replicas", 5);
    servings.resource(serving).update();
  }

  /** As {@link #applied}, plus a ModelServer with the booster's labels that it does not control. */
  static void foreignChild(TestCluster cluster, Seeds seeds) {
    ModelBooster booster = applied(cluster, seeds);
    GenericKubernetesResource stale =
        seeds.child(ChildKind.MODEL_SERVER, booster, "qwen-chat-old", Map.of("model", "old"));
    stale.getMetadata().setOwnerReferences(List.of());
    Kinds.children(cluster.client(), ChildKind.MODEL_SERVER)
        .inNamespace(cluster.namespace())
        .resource(stale)
        .update();
  }

  static void withoutCrd(TestCluster cluster, Seeds seeds) {
    cluster
        .client()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("modelboosters.workload.serving.volcano.sh")
        .delete();
  }

  /** The server refuses the booster as an admission webhook would. */
  static void rejecting(TestCluster cluster, Seeds seeds) {
    cluster.rejectWrites(
        "qwen-chat",
        new StatusBuilder()
            .withCode(422)
            .withReason("Invalid")
            .withMessage(
                "admission webhook \"validate-modelbooster.volcano.sh\" denied the request: spec.backend: "
                    + "replicas must be set")
            .build());
  }

  /** When every seeded object reports it was created, for ages that do not change between runs. */
  static Instant created() {
    return Instant.parse(CREATED);
  }
}

package booster.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booster.api.ModelBooster;
import booster.cli.BoosterCommand;
import booster.cluster.Apply;
import booster.cluster.ChildPlan.Verdict;
import booster.cluster.Events;
import booster.cluster.Fence;
import booster.cluster.Kinds;
import booster.cluster.KthenaDetection;
import booster.cluster.KthenaVersion;
import booster.cluster.LiveChildren;
import booster.cluster.ObjectKey;
import booster.cluster.Prune;
import booster.cluster.RecentWrites;
import booster.cluster.StatusWriter;
import booster.cluster.TestCluster;
import booster.cluster.WriteObserver;
import booster.cluster.Writes;
import booster.translate.ChildKind;
import booster.translate.Labels;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code kubectl booster diff} shows what the operator does: on the same cluster state, the verdict
 * diff shows for every child (an added, changed or removed object, or a warning) equals what one
 * reconcile pass then does to it, as seen at the API server (created, updated, deleted, or left
 * with the reason in the booster's Failed condition).
 */
@Timeout(120)
class DiffMatchesOperatorTest {
  @RegisterExtension static final TestCluster cluster = TestCluster.kthena("v1.0.0");

  private static ModelBooster gatewayRoutes() {
    try {
      ModelBooster booster =
          Serialization.unmarshal(
              Files.readString(Path.of("examples", "gateway-routes.yaml")), ModelBooster.class);
      booster.getMetadata().setNamespace(cluster.namespace());
      return booster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The name of the booster's (only) child of that kind. */
  private static String only(String booster, ChildKind kind) {
    return Running.desired(cluster, booster).stream()
        .filter(d -> d.getKind().equals(kind.kind()))
        .map(d -> d.getMetadata().getName())
        .reduce(
            (a, b) -> {
              throw new IllegalStateException("more than one " + kind.kind());
            })
        .orElseThrow();
  }

  @Test
  void aStoredBoosterWithoutChildrenCreatesThemAll() {
    String name =
        Running.create(cluster, Running.golden(cluster, "v0.4.0", "model.yaml", null))
            .getMetadata()
            .getName();
    Map<String, Verdict> verdicts = agree(name);
    assertEquals(
        List.of(Verdict.CREATE),
        List.copyOf(new TreeSet<>(verdicts.values())),
        verdicts.toString());
  }

  @Test
  void childrenInLineAreLeft() {
    String name = reconciled(Running.golden(cluster, "v0.4.0", "model.yaml", null));
    Map<String, Verdict> verdicts = agree(name);
    assertEquals(
        List.of(Verdict.LEAVE), List.copyOf(new TreeSet<>(verdicts.values())), verdicts.toString());
  }

  @Test
  void aDriftedChildIsUpdatedAndAMissingOneCreated() {
    String name = reconciled(Running.golden(cluster, "v0.4.0", "model.yaml", null));
    String server = only(name, ChildKind.MODEL_SERVER);
    editChild(
        ChildKind.MODEL_SERVER,
        server,
        s -> s.getMetadata().getLabels().put(Labels.MODEL_NAME + "-extra", "x"));
    editChild(ChildKind.MODEL_SERVER, server, s -> Fixture.spec(s).put("model", "someone-else"));
    Kinds.children(cluster.client(), ChildKind.MODEL_ROUTE)
        .inNamespace(cluster.namespace())
        .withName(name)
        .delete();
    Map<String, Verdict> verdicts = agree(name);
    assertEquals(Verdict.UPDATE, verdicts.get("ModelServer/" + server));
    assertEquals(Verdict.CREATE, verdicts.get("ModelRoute/" + name));
  }

  /** An object of a child's name that another owner created, with and without our labels. */
  @Test
  void objectsWeDoNotControlAreNotWritten() {
    String name = reconciled(Running.golden(cluster, "v0.4.0", "model.yaml", null));
    String server = only(name, ChildKind.MODEL_SERVER);
    replaceWithForeign(ChildKind.MODEL_ROUTE, name, true);
    replaceWithForeign(ChildKind.MODEL_SERVER, server, false);
    Map<String, Verdict> verdicts = agree(name);
    assertEquals(Verdict.NOT_CONTROLLED, verdicts.get("ModelRoute/" + name));
    assertEquals(Verdict.NOT_CONTROLLED, verdicts.get("ModelServer/" + server));
  }

  @Test
  void strayControlledChildrenArePruned() {
    String name = reconciled(Running.golden(cluster, "v0.4.0", "model.yaml", null));
    String server = only(name, ChildKind.MODEL_SERVER);
    GenericKubernetesResource live =
        Kinds.children(cluster.client(), ChildKind.MODEL_SERVER)
            .inNamespace(cluster.namespace())
            .withName(server)
            .get();
    live.setMetadata(
        new ObjectMetaBuilder(live.getMetadata())
            .withName(server + "-old")
            .withResourceVersion(null)
            .withUid(null)
            .withCreationTimestamp(null)
            .build());
    Kinds.child(cluster.client(), live).create();
    Map<String, Verdict> verdicts = agree(name);
    assertEquals(Verdict.PRUNE, verdicts.get("ModelServer/" + server + "-old"));
  }

  /**
   * Replicas someone else scaled stay theirs; a new value in the booster is the booster's to write.
   */
  @Test
  void replicasAreWrittenOnlyWhenTheBoostersOwnValueChanged() {
    String name = reconciled(Running.fixedReplicas(cluster));
    String serving = "test-model-backend1";
    editChild(ChildKind.MODEL_SERVING, serving, s -> Fixture.spec(s).put("replicas", 3));
    assertEquals(Verdict.LEAVE, agree(name).get("ModelServing/" + serving));

    Kinds.boosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName(name)
        .edit(
            b -> {
              b.getSpec().getBackend().setReplicas(2);
              return b;
            });
    assertEquals(Verdict.UPDATE, agree(name).get("ModelServing/" + serving));
  }

  /**
   * Extra routes: one edited by hand, one taken out of the booster, one with a new (immutable)
   * model name.
   */
  @Test
  void extraRoutesFollowTheSameRules() {
    String name = reconciled(gatewayRoutes());
    editChild(
        ChildKind.MODEL_ROUTE,
        "llama-70b-acme",
        r -> Fixture.spec(r).put("rateLimit", Map.of("inputTokensPerUnit", 1, "unit", "second")));
    Kinds.boosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName(name)
        .edit(
            b -> {
              b.getSpec().getRoutes().get(1).setModelName("llama-3.3-70b-instruct");
              return b;
            });
    Map<String, Verdict> verdicts = agree(name);
    assertEquals(Verdict.UPDATE, verdicts.get("ModelRoute/llama-70b-acme"));
    assertEquals(Verdict.IMMUTABLE, verdicts.get("ModelRoute/llama-70b-alias"));

    Kinds.boosters(cluster.client())
        .inNamespace(cluster.namespace())
        .withName(name)
        .edit(
            b -> {
              b.getSpec().getRoutes().remove(1);
              return b;
            });
    assertEquals(Verdict.PRUNE, agree(name).get("ModelRoute/llama-70b-alias"));
  }

  /** A cluster without Kthena's autoscaler: the policy is never written, the model still is. */
  @Test
  void autoscalingTheClusterDoesNotServeIsNeverWritten() {
    String name = reconciled(Running.golden(cluster, "v0.4.0", "model.yaml", null));
    String policy = "AutoscalingPolicy/" + only(name, ChildKind.AUTOSCALING_POLICY);
    cluster.deleteChildCrd("autoscalingpolicies");
    try {
      Map<String, Verdict> verdicts = agree(name);
      assertEquals(Verdict.UNSERVED, verdicts.get(policy), verdicts.toString());
      assertEquals(Verdict.LEAVE, verdicts.get("ModelRoute/" + name), verdicts.toString());
    } finally {
      cluster.serveKthena("v1.0.0");
    }
  }

  // --- the comparison

  /**
   * Runs diff, then one reconcile pass, on the booster's current state; asserts both give every
   * child the same verdict and returns them (by {@code Kind/name}).
   */
  private Map<String, Verdict> agree(String name) {
    Map<String, Verdict> shown = diffVerdicts(name);
    Map<String, Verdict> done = operatorActions(name);
    assertEquals(done, shown, "diff shows what the operator does");
    return done;
  }

  /** Creates the booster and lets one reconcile pass create its children. */
  private String reconciled(ModelBooster booster) {
    String name = Running.create(cluster, booster).getMetadata().getName();
    operatorActions(name);
    Running.assertChildrenAreTheTranslation(cluster, name);
    return name;
  }

  private static final Pattern DIFF_FILE =
      Pattern.compile("/(LIVE|MERGED)-[^/]+/[^/]+\\.v1alpha1\\.(\\w+)\\." + "[^.]+\\.(.+)");
  private static final Pattern NOT_CONTROLLED =
      Pattern.compile("Warning: (\\w+)/(\\S+) exists but is not controlled");
  private static final Pattern UNSERVED =
      Pattern.compile("Warning: (\\w+)/(\\S+): the cluster does not serve");
  private static final Pattern IMMUTABLE =
      Pattern.compile("Warning: (\\w+)/(\\S+): \\S+ is immutable");

  /**
   * {@code kubectl booster diff NAME}, its object files listed by {@code find} as the external diff
   * program.
   */
  private Map<String, Verdict> diffVerdicts(String name) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        BoosterCommand.commandLine(
            new ByteArrayInputStream(new byte[0]), Map.of("KUBECTL_EXTERNAL_DIFF", "find"));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("diff", name, "--kubeconfig", kubeconfig().toString());
    assertEquals(0, exit, "find's exit code passed on: " + out + err);
    Map<String, Boolean> inLive = new HashMap<>();
    Map<String, Boolean> inMerged = new HashMap<>();
    for (String line : out.toString().lines().toList()) {
      Matcher m = DIFF_FILE.matcher(line);
      if (m.find()) {
        String key = m.group(2) + "/" + m.group(3);
        (m.group(1).equals("LIVE") ? inLive : inMerged).put(key, true);
        (m.group(1).equals("LIVE") ? inMerged : inLive).putIfAbsent(key, false);
      }
    }
    Map<String, Verdict> verdicts = new TreeMap<>();
    desiredKeys(name).forEach(k -> verdicts.put(k, Verdict.LEAVE));
    inLive.forEach(
        (key, live) ->
            verdicts.put(
                key, !live ? Verdict.CREATE : inMerged.get(key) ? Verdict.UPDATE : Verdict.PRUNE));
    for (String line : err.toString().lines().toList()) {
      Matcher foreign = NOT_CONTROLLED.matcher(line);
      Matcher immutable = IMMUTABLE.matcher(line);
      Matcher unserved = UNSERVED.matcher(line);
      if (unserved.find()) {
        verdicts.put(unserved.group(1) + "/" + unserved.group(2), Verdict.UNSERVED);
      } else if (foreign.find()) {
        verdicts.put(foreign.group(1) + "/" + foreign.group(2), Verdict.NOT_CONTROLLED);
      } else if (immutable.find()) {
        verdicts.put(immutable.group(1) + "/" + immutable.group(2), Verdict.IMMUTABLE);
      }
    }
    return verdicts;
  }

  /**
   * One reconcile pass, as the operator's workers run it, against caches read fresh from the
   * server; what it did to each child is read at the server: a child that appeared was created, one
   * whose resourceVersion moved updated, one that went pruned; a child left alone is blocked when
   * the booster's Failed condition names it.
   */
  private Map<String, Verdict> operatorActions(String name) {
    Map<String, String> before = versions(name);
    KubernetesClient client = cluster.newClient();
    Writes writes = new Writes(client, Fence.OPEN, WriteObserver.NONE);
    RecentWrites recent = new RecentWrites();
    var detected = KthenaVersion.AUTO.resolve(client);
    KthenaTracker.State kthena =
        new KthenaTracker.State(
            KthenaDetection.served(client), detected.profile(), detected.evidence());
    Reconciler.Cache fromServer =
        new Reconciler.Cache() {
          @Override
          public GenericKubernetesResource booster(String key) {
            return Running.booster(cluster, name);
          }

          @Override
          public LiveChildren children(String namespace, String boosterName) {
            return LiveChildren.list(client, namespace, boosterName);
          }
        };
    try (Events events = new Events(writes, "test")) {
      new Reconciler(
              fromServer,
              (booster, profile, warnings) ->
                  new Translator(TranslatorConfig.defaults().withProfile(profile))
                      .translate(booster, warnings),
              () -> kthena,
              new Apply(client, writes),
              new Prune(writes),
              new StatusWriter(client, writes, recent),
              events,
              recent,
              Clock.systemUTC())
          .reconcile(ObjectKey.of(cluster.namespace(), name));
    }
    Map<String, String> after = versions(name);
    Map<String, Object> failed = Running.condition(cluster, name, "Failed");
    String blocked =
        failed != null && "True".equals(failed.get("status"))
            ? String.valueOf(failed.get("message"))
            : "";
    Map<String, Verdict> verdicts = new TreeMap<>();
    List<String> keys = new ArrayList<>(desiredKeys(name));
    keys.addAll(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      String was = before.get(key);
      String now = after.get(key);
      String what = key.replace('/', ' ');
      if (was == null && now != null) {
        verdicts.put(key, Verdict.CREATE);
      } else if (was != null && now == null) {
        verdicts.put(key, Verdict.PRUNE);
      } else if (!Objects.equals(was, now)) {
        verdicts.put(key, Verdict.UPDATE);
      } else if (blocked.contains(
          "does not serve " + ChildKind.ofKind(key.substring(0, key.indexOf('/'))).plural())) {
        verdicts.put(key, Verdict.UNSERVED);
      } else if (blocked.contains(what + " already exists")) {
        verdicts.put(key, Verdict.NOT_CONTROLLED);
      } else if (blocked.contains(what + ": ") && blocked.contains("cannot be changed in place")) {
        verdicts.put(key, Verdict.IMMUTABLE);
      } else if (desiredKeys(name).contains(key)) {
        verdicts.put(key, Verdict.LEAVE);
      }
    }
    return verdicts;
  }

  /** {@code Kind/name} of every child the stored booster renders. */
  private static List<String> desiredKeys(String name) {
    return Running.desired(cluster, name).stream()
        .map(d -> d.getKind() + "/" + d.getMetadata().getName())
        .toList();
  }

  /**
   * resourceVersion by {@code Kind/name}: the booster's labelled children, and whatever holds a
   * desired name.
   */
  private static Map<String, String> versions(String name) {
    Map<String, String> out = new TreeMap<>();
    LiveChildren.list(cluster.client(), cluster.namespace(), name)
        .all()
        .forEach(c -> out.put(key(c), c.getMetadata().getResourceVersion()));
    for (GenericKubernetesResource desired : Running.desired(cluster, name)) {
      GenericKubernetesResource live = Kinds.child(cluster.client(), desired).get();
      if (live != null) {
        out.put(key(live), live.getMetadata().getResourceVersion());
      }
    }
    return out;
  }

  private static String key(GenericKubernetesResource object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  private static void editChild(
      ChildKind kind, String name, Consumer<GenericKubernetesResource> edit) {
    Kinds.children(cluster.client(), kind)
        .inNamespace(cluster.namespace())
        .withName(name)
        .edit(
            c -> {
              edit.accept(c);
              return c;
            });
  }

  /**
   * Deletes our child and creates an object of its name that someone else owns (with or without our
   * labels).
   */
  private static void replaceWithForeign(ChildKind kind, String name, boolean ourLabels) {
    GenericKubernetesResource ours =
        Kinds.children(cluster.client(), kind)
            .inNamespace(cluster.namespace())
            .withName(name)
            .get();
    Kinds.child(cluster.client(), ours).delete();
    Running.await(name + " deleted", () -> Kinds.child(cluster.client(), ours).get() == null);
    ours.setMetadata(
        new ObjectMetaBuilder(ours.getMetadata())
            .withResourceVersion(null)
            .withUid(null)
            .withCreationTimestamp(null)
            .withOwnerReferences(List.of())
            .withLabels(ourLabels ? ours.getMetadata().getLabels() : Map.of("team", "theirs"))
            .build());
    Kinds.child(cluster.client(), ours).create();
  }

  /** A kubeconfig whose current context is the test cluster, its credentials and namespace. */
  private static Path kubeconfig() {
    Config client = cluster.client().getConfiguration();
    io.fabric8.kubernetes.api.model.Config kubeconfig =
        new io.fabric8.kubernetes.api.model.ConfigBuilder()
            .addNewCluster()
            .withName("test")
            .withNewCluster()
            .withServer(client.getMasterUrl())
            .withInsecureSkipTlsVerify(true)
            .endCluster()
            .endCluster()
            .addNewUser()
            .withName("tester")
            .withNewUser()
            .withToken(client.getOauthToken())
            .withClientCertificateData(client.getClientCertData())
            .withClientKeyData(client.getClientKeyData())
            .endUser()
            .endUser()
            .addNewContext()
            .withName("test")
            .withNewContext()
            .withCluster("test")
            .withUser("tester")
            .withNamespace(cluster.namespace())
            .endContext()
            .endContext()
            .withCurrentContext("test")
            .build();
    try {
      Path file = Files.createTempFile("booster-kubeconfig", ".yaml");
      file.toFile().deleteOnExit();
      KubeConfigUtils.persistKubeConfigIntoFile(kubeconfig, file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

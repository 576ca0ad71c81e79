package booster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.api.CrdRules.Node;
import booster.api.CrdRules.Rule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CRD and {@link Validation} enforce the same rules: for every value rule of the committed
 * ModelBooster CRD (OpenAPI bounds and CEL rules, found by walking the schema, so a new rule
 * without a case here fails), a valid object both accept and an invalid object both reject. The
 * invalid object breaks that rule and no other rule of the CRD the valid object kept, and
 * Validation reports an error at or under the rule's field. Where the CRD lets a field exist only
 * to forbid it (the v0.1-only fields under {@code spec.backend}, {@code replicas} in {@code
 * spec.backends[]}), there is no valid object; the rejection is still checked both ways.
 *
 * <p>The table is written to {@code target/crd-rules-parity.txt} (and printed with {@code
 * -Dbooster.parity.print}).
 */
class CrdRulesParityTest {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Path TABLE = Path.of("target", "crd-rules-parity.txt");

  /** An edit of an object, given the concrete path of the rule's node in it. */
  interface Edit {
    void apply(ObjectNode root, String at);
  }

  private static final String POLICY =
      """
      {metrics: [{metricName: "kthena:num_requests_waiting", targetValue: 10}], tolerancePercent: 10,
       behavior: {scaleUp: {panicPolicy: {period: 1m, panicThresholdPercent: 200, percent: 100},
                            stablePolicy: {instances: 1, percent: 100, period: 1m, selectPolicy: Or}},
                  scaleDown: {instances: 1, percent: 100, period: 1m, selectPolicy: Or}}}""";
  private static final String PREFILL =
      "{type: prefill, image: 'vllm/vllm-openai:latest', replicas: 1, pods: 1, "
          + "config: {kv-transfer-config: '{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_producer\"}'}}";
  private static final String DECODE =
      "{type: decode, image: 'vllm/vllm-openai:latest', replicas: 1, pods: 1, "
          + "config: {kv-transfer-config: '{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_consumer\"}'}}";
  private static final String SERVER =
      "{type: server, image: 'vllm/vllm-openai:latest', replicas: 1, pods: 1}";
  private static final String PARENT =
      "{group: gateway.networking.k8s.io, kind: Gateway, name: public, "
          + "namespace: gateways, port: 443, sectionName: https}";
  private static final String BUDGET =
      "{inputTokensPerUnit: 5000, outputTokensPerUnit: 500, unit: hour, "
          + "global: {redis: {address: 'redis.cache.svc:6379'}}}";

  /** The v0.2+ shape with every optional field the CRD has rules for. */
  static final String CURRENT =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: demo, namespace: default}
      spec:
        name: demo-model
        modelMatch: {uri: {prefix: /v1}, headers: {x-team: {exact: search}}}
        parentRefs: [%1$s]
        rateLimit: %2$s
        autoscalingPolicy: %3$s
        backend:
          name: pd
          type: vLLMDisaggregated
          modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
          cacheURI: pvc://models
          minReplicas: 1
          maxReplicas: 3
          runtimeClassName: nvidia
          networkTopology:
            groupPolicy: {mode: hard, highestTierAllowed: 1}
            rolePolicy: {mode: soft, highestTierName: rack}
          workers: [%4$s, %5$s]
        routes:
          - name: tenant
            modelName: demo-tenant
            modelMatch: {uri: {prefix: /v1}, headers: {x-tenant: {exact: acme}}}
            parentRefs: [%1$s]
            rateLimit: %2$s
          - name: alias
            modelName: demo-v2
      """
          .formatted(PARENT, BUDGET, POLICY, PREFILL, DECODE);

  /**
   * v1.0: a fixed replica count, so no autoscaling policy; the other half of each topology choice.
   */
  static final String FIXED =
      yaml(
          Boosters.FIXED,
          set(
              "spec.backend.networkTopology",
              "{groupPolicy: {mode: soft, highestTierName: zone}, rolePolicy: {mode: hard, highestTierAllowed: 2}}"));

  /** Prefill/decode role autoscaling: the prefill role scales inside a fixed serving group. */
  static final String ROLES = Boosters.ROLE_SCALING;

  /**
   * The v0.1 shape under a model-level policy, with every legacy field, both topology choices and a
   * route.
   */
  static final String LEGACY =
      yaml(
          Boosters.LEGACY,
          set("spec.backends[0].runtimeClassName", "nvidia"),
          set(
              "spec.backends[0].networkTopology",
              "{groupPolicy: {mode: hard, highestTierAllowed: 1}, rolePolicy: {mode: soft, highestTierName: rack}}"),
          set(
              "spec.backends[1].networkTopology",
              "{groupPolicy: {mode: soft, highestTierName: zone}, rolePolicy: {mode: hard, highestTierAllowed: 2}}"),
          set("spec.routes", "[{name: alias, modelName: legacy-v2}]"));

  /** The v0.1 shape with a policy per backend, the first one scaling its prefill role. */
  static final String LEGACY_SCALED =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: scaled, namespace: default}
      spec:
        backends:
          - name: pd
            type: vLLMDisaggregated
            modelURI: s3://bucket/model
            minReplicas: 1
            maxReplicas: 1
            autoscalingPolicy: %1$s
            workers: [%2$s, %3$s]
          - name: a100
            type: vLLM
            modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
            minReplicas: 1
            maxReplicas: 3
            autoscalingPolicy: %1$s
            workers: [%4$s]
      """
          .formatted(
              POLICY,
              PREFILL.replace("replicas: 1,", "replicas: 1, maxReplicas: 3,"),
              DECODE,
              SERVER);

  @SafeVarargs
  private static String yaml(String base, Consumer<ObjectNode>... edits) {
    ObjectNode tree = Boosters.tree(base);
    Boosters.all(edits).accept(tree);
    return YAML.writeValueAsString(tree);
  }

  private static final List<String> BASES = List.of(CURRENT, FIXED, ROLES, LEGACY, LEGACY_SCALED);

  /** Fields the CRD lets exist only to forbid them: how to make one present, from which base. */
  private static final Map<String, Start> FORBIDDEN =
      Map.of(
          "spec.backend.routeWeight", new Start(CURRENT, set("spec.backend.routeWeight", "50")),
          "spec.backend.scalingCost", new Start(CURRENT, set("spec.backend.scalingCost", "1")),
          "spec.backend.loraAdapters",
              new Start(
                  CURRENT,
                  set(
                      "spec.backend.loraAdapters",
                      "[{name: lora-a, artifactURL: 'hf://org/lora'}]")),
          "spec.backend.autoscalingPolicy",
              new Start(CURRENT, set("spec.backend.autoscalingPolicy", POLICY)),
          "spec.backends[].replicas", new Start(LEGACY, set("spec.backends[0].replicas", "1")));

  record Start(String base, Consumer<ObjectNode> prepare) {}

  /**
   * The objects to start from (null: any base), a valid edit (null: the start object as it is) and
   * an invalid one.
   */
  record Case(List<String> bases, Edit valid, Edit invalid) {}

  /** Values that break each CRD pattern. */
  private static final Map<String, String> BREAKS_PATTERN =
      Map.of(
          Patterns.DNS_LABEL, "Not_A_Label",
          Patterns.MODEL_URI, "gs://bucket/model",
          Patterns.CACHE_URI, "nfs://server/models",
          Patterns.LORA_URI, "ms://org/lora",
          Patterns.DNS_SUBDOMAIN, "Not_A_Subdomain",
          Patterns.GROUP, "Not_A_Group",
          Patterns.KIND, "9Gateway",
          Patterns.HOST_PORT, "redis.cache.svc");

  private static final List<String> SCALED = List.of(ROLES, LEGACY_SCALED);

  /** The CEL rules' cases, by rule text; edits are relative to the node the rule sits on. */
  private static final Map<String, Case> CEL = celCases();

  private static Map<String, Case> celCases() {
    Map<String, Case> cases = new HashMap<>();
    cases.put(
        "!has(self.selectPolicy) || self.selectPolicy in ['Or', 'And']",
        new Case(
            null,
            (root, at) -> put(root, at, "selectPolicy", "And"),
            (root, at) -> put(root, at, "selectPolicy", "Xor")));
    cases.put(
        "!has(self.highestTierAllowed) || !has(self.highestTierName)",
        new Case(
            null,
            null,
            (root, at) -> {
              put(root, at, "highestTierAllowed", "2");
              put(root, at, "highestTierName", "zone");
            }));
    cases.put(
        "!has(self.pods) || self.pods >= 1 || (has(self.replicas) && self.replicas == 0)",
        new Case(
            null,
            (root, at) -> {
              put(root, at, "pods", "0");
              put(root, at, "replicas", "0");
            },
            (root, at) -> put(root, at, "pods", "0")));
    cases.put(
        "!has(self.maxReplicas) || (has(self.type) && self.type in ['prefill', 'decode'])",
        new Case(
            SCALED,
            null,
            (root, at) -> {
              String backend = parent(parent(at));
              put(root, backend, "type", "vLLM");
              put(
                  root,
                  backend,
                  "workers",
                  "[" + SERVER.replace("replicas: 1,", "replicas: 1, maxReplicas: 1,") + "]");
            }));
    cases.put(
        "!has(self.maxReplicas) || self.maxReplicas >= (has(self.replicas) ? self.replicas : 1)",
        new Case(
            SCALED,
            (root, at) -> {
              put(root, at, "replicas", "2");
              put(root, at, "maxReplicas", "2");
            },
            (root, at) -> {
              put(root, at, "replicas", "3");
              put(root, at, "maxReplicas", "2");
            }));
    cases.put(
        "has(self.replicas) != (has(self.minReplicas) || has(self.maxReplicas))",
        new Case(
            null,
            null,
            (root, at) -> {
              remove(root, at + ".minReplicas");
              remove(root, at + ".maxReplicas");
            }));
    cases.put(
        "has(self.minReplicas) == has(self.maxReplicas)",
        new Case(null, null, (root, at) -> remove(root, at + ".maxReplicas")));
    cases.put(
        "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas",
        new Case(
            null,
            (root, at) -> put(root, at, "minReplicas", "3"),
            (root, at) -> put(root, at, "minReplicas", "4")));
    cases.put(
        "!self.workers.exists(w, has(w.maxReplicas)) || (has(self.minReplicas) && has(self.maxReplicas) "
            + "&& self.minReplicas == self.maxReplicas)",
        new Case(SCALED, null, (root, at) -> put(root, at, "maxReplicas", "2")));
    cases.put(
        "self.type in ['vLLM', 'vLLMDisaggregated']",
        new Case(null, null, (root, at) -> put(root, at, "type", "SGLang")));
    cases.put(
        "self.type != 'vLLM' || (size(self.workers) == 1 && (!has(self.workers[0].type) || "
            + "self.workers[0].type == 'server'))",
        new Case(
            null,
            (root, at) -> {
              put(root, at, "type", "vLLM");
              put(root, at, "workers", "[" + SERVER + "]");
            },
            (root, at) -> {
              put(root, at, "type", "vLLM");
              put(root, at, "workers", "[" + SERVER + ", " + SERVER + "]");
            }));
    cases.put(
        "self.type != 'vLLMDisaggregated' || self.workers.all(w, has(w.type) && (w.type == 'prefill' || "
            + "w.type == 'decode'))",
        new Case(
            null,
            null,
            (root, at) -> {
              put(root, at, "type", "vLLMDisaggregated");
              put(root, at, "workers", "[" + PREFILL + ", " + DECODE + ", " + SERVER + "]");
            }));
    cases.put(
        "self.type != 'vLLMDisaggregated' || (self.workers.exists(w, has(w.type) && w.type == 'prefill') && "
            + "self.workers.exists(w, has(w.type) && w.type == 'decode'))",
        new Case(
            null,
            null,
            (root, at) -> {
              put(root, at, "type", "vLLMDisaggregated");
              put(root, at, "workers", "[" + PREFILL + "]");
            }));
    cases.put(
        "(has(self.exact) ? 1 : 0) + (has(self.prefix) ? 1 : 0) + (has(self.regex) ? 1 : 0) == 1",
        new Case(
            null,
            null,
            (root, at) -> {
              put(root, at, "exact", "a");
              put(root, at, "prefix", "b");
            }));
    cases.put(
        "has(self.backend) != has(self.backends)",
        new Case(null, null, (root, at) -> remove(root, "spec.backend")));
    cases.put(
        "!has(self.backend) || !has(self.costExpansionRatePercent)",
        new Case(null, null, (root, at) -> put(root, "spec", "costExpansionRatePercent", "100")));
    cases.put(
        "!has(self.backend) || !(has(self.backend.routeWeight) || has(self.backend.scalingCost) || "
            + "has(self.backend.scaleToZeroGracePeriod) || has(self.backend.loraAdapters) || "
            + "has(self.backend.autoscalingPolicy))",
        new Case(
            null, null, (root, at) -> put(root, "spec.backend", "scaleToZeroGracePeriod", "30s")));
    cases.put(
        "!has(self.backend) || !has(self.backend.replicas) || !has(self.autoscalingPolicy)",
        new Case(
            null,
            null,
            (root, at) -> {
              remove(root, "spec.backend.minReplicas");
              remove(root, "spec.backend.maxReplicas");
              put(root, "spec.backend", "replicas", "1");
            }));
    cases.put(
        "!has(self.backends) || self.backends.all(b, !has(b.replicas))",
        new Case(
            List.of(LEGACY),
            null,
            (root, at) -> {
              remove(root, "spec.backends[0].minReplicas");
              remove(root, "spec.backends[0].maxReplicas");
              put(root, "spec.backends[0]", "replicas", "1");
            }));
    cases.put(
        "!has(self.backend) || has(self.autoscalingPolicy) || !self.backend.workers.exists(w, "
            + "has(w.maxReplicas))",
        new Case(SCALED, null, (root, at) -> remove(root, "spec.autoscalingPolicy")));
    cases.put(
        "!has(self.backends) || self.backends.all(b, has(b.autoscalingPolicy) || !b.workers.exists(w, "
            + "has(w.maxReplicas)))",
        new Case(
            List.of(LEGACY_SCALED),
            null,
            (root, at) -> remove(root, "spec.backends[0].autoscalingPolicy")));
    cases.put(
        "!has(self.routes) || !has(self.backends) || self.routes.all(r, !has(r.modelName) || "
            + "self.backends.all(b, !has(b.loraAdapters) || b.loraAdapters.all(l, l.name != r.modelName)))",
        new Case(
            List.of(LEGACY),
            null,
            (root, at) -> put(root, "spec.routes[0]", "modelName", "lora-sql")));
    cases.put(
        "!has(self.spec) || !has(self.spec.routes) || self.spec.routes.all(r, size(self.metadata.name) + "
            + "size(r.name) < 63)",
        new Case(
            null,
            (root, at) -> put(root, "spec.routes[1]", "name", "r".repeat(58)),
            (root, at) -> put(root, "spec.routes[1]", "name", "r".repeat(59))));
    cases.put(
        "!has(self.spec) || !has(self.spec.routes) || self.spec.routes.all(r, !has(r.rateLimit) || "
            + "(has(r.modelName) && r.modelName != self.metadata.name && self.spec.routes.exists_one(o, "
            + "has(o.modelName) && o.modelName == r.modelName)))",
        new Case(
            null, null, (root, at) -> put(root, "spec.routes[1]", "modelName", "demo-tenant")));
    cases.put(
        "!has(self.spec) || !has(self.spec.rateLimit) || !has(self.spec.routes) || self.spec.routes.all(r, "
            + "has(r.modelName) && r.modelName != self.metadata.name)",
        new Case(null, null, (root, at) -> put(root, "spec.routes[1]", "modelName", "demo")));
    return cases;
  }

  /** {@code maxItems} lists: YAML for n distinct items that are valid together. */
  private static String items(String location, int n) {
    return switch (location) {
      case "spec.backend.loraAdapters", "spec.backends[].loraAdapters" ->
          list(n, i -> "{name: lora-" + i + ", artifactURL: 's3://bucket/lora-" + i + "'}");
      case "spec.backend.workers", "spec.backends[].workers" ->
          list(n, i -> i % 2 == 0 ? PREFILL : DECODE);
      case "spec.backends" ->
          list(
              n,
              i ->
                  "{name: b"
                      + i
                      + ", type: vLLM, modelURI: 'hf://q/m', minReplicas: 1, "
                      + "maxReplicas: 1, workers: ["
                      + SERVER
                      + "]}");
      case "spec.routes" -> list(n, i -> "{name: r" + i + ", modelName: m" + i + "}");
      default ->
          throw new IllegalStateException("no item generator for the maxItems of " + location);
    };
  }

  private static String list(int n, IntFunction<String> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Cases of the OpenAPI bounds, derived from the bound itself. */
  private static Case boundCase(Rule rule) {
    Object bound = rule.bound();
    return switch (rule.keyword()) {
      case "minimum" ->
          new Case(
              null,
              (root, at) -> Boosters.set(at, number(bound, 0)).accept(root),
              (root, at) -> Boosters.set(at, number(bound, -1)).accept(root));
      case "maximum" ->
          new Case(
              null,
              (root, at) -> Boosters.set(at, number(bound, 0)).accept(root),
              (root, at) -> Boosters.set(at, number(bound, 1)).accept(root));
      case "minLength" ->
          new Case(
              null,
              (root, at) -> Boosters.set(at, "a".repeat(((Number) bound).intValue())).accept(root),
              (root, at) ->
                  Boosters.set(at, "'" + "a".repeat(((Number) bound).intValue() - 1) + "'")
                      .accept(root));
      case "maxLength" ->
          new Case(
              null,
              (root, at) -> Boosters.set(at, "a".repeat(((Number) bound).intValue())).accept(root),
              (root, at) ->
                  Boosters.set(at, "a".repeat(((Number) bound).intValue() + 1)).accept(root));
      case "pattern" ->
          new Case(
              null,
              null,
              (root, at) -> Boosters.set(at, quoted(BREAKS_PATTERN.get(bound))).accept(root));
      case "enum" -> new Case(null, null, (root, at) -> Boosters.set(at, "bogus").accept(root));
      case "minItems" -> new Case(null, null, (root, at) -> Boosters.set(at, "[]").accept(root));
      case "maxItems" ->
          new Case(
              null,
              (root, at) -> fill(root, at, rule.location(), ((Number) bound).intValue()),
              (root, at) -> fill(root, at, rule.location(), ((Number) bound).intValue() + 1));
      default -> throw new IllegalStateException(rule.keyword());
    };
  }

  private static void fill(ObjectNode root, String at, String location, int n) {
    if (location.endsWith("workers")) {
      put(root, parent(at), "type", "vLLMDisaggregated");
    }
    Boosters.set(at, items(location, n)).accept(root);
  }

  /**
   * Rules a value cannot break alone: an unknown type also fails the CEL rules reading the type, no
   * workers leave a backend without its required roles, a 64-character route name makes too long a
   * child name, and an empty string misses every pattern (see {@link #alsoBroken}).
   */
  private static final Map<String, List<String>> ALSO_BREAKS =
      Map.of(
          "spec.backend.type enum", List.of("spec.backend CEL self.type in"),
          "spec.backends[].type enum", List.of("spec.backends[] CEL self.type in"),
          "spec.backend.workers[].type enum", List.of("spec.backend CEL self.type != 'vLLM"),
          "spec.backends[].workers[].type enum", List.of("spec.backends[] CEL self.type != 'vLLM"),
          "spec.backend.workers minItems", List.of("spec.backend CEL self.type != 'vLLM"),
          "spec.backends[].workers minItems", List.of("spec.backends[] CEL self.type != 'vLLM"),
          "spec.routes[].name maxLength",
              List.of(
                  "<root> CEL !has(self.spec) || !has(self.spec.routes) || "
                      + "self.spec.routes.all(r, size(self.metadata.name)"),
          "spec.backend.minReplicas maximum", List.of("spec.backend CEL !has(self.minReplicas)"),
          "spec.backends[].minReplicas maximum",
              List.of("spec.backends[] CEL !has(self.minReplicas)"));

  /**
   * Where the boundary value breaks another rule of the CRD, the case says what else moves with it.
   */
  private static final Map<String, Function<Rule, Case>> BOUND_OVERRIDES =
      Map.ofEntries(
          Map.entry("spec.backend.maxReplicas minimum 1", before(sibling("minReplicas", "0"))),
          Map.entry("spec.backends[].maxReplicas minimum 1", before(sibling("minReplicas", "0"))),
          Map.entry(
              "spec.backend.workers[].maxReplicas minimum 1", before(sibling("replicas", "0"))),
          Map.entry(
              "spec.backends[].workers[].maxReplicas minimum 1", before(sibling("replicas", "0"))),
          Map.entry("spec.backend.workers[].pods minimum 0", before(sibling("replicas", "0"))),
          Map.entry("spec.backends[].workers[].pods minimum 0", before(sibling("replicas", "0"))),
          Map.entry(
              "spec.backend.minReplicas maximum 1000000",
              before(sibling("maxReplicas", "1000000"))),
          // the legacy backends share one budget of 1000000 replicas (the sum of maxReplicas)
          Map.entry(
              "spec.backends[].minReplicas maximum 1000000",
              before(
                  (root, at) -> {
                    remove(root, "spec.backends[1]");
                    put(root, parent(at), "maxReplicas", "1000000");
                  })),
          Map.entry(
              "spec.backends[].maxReplicas maximum 1000000",
              before((root, at) -> remove(root, "spec.backends[1]"))),
          // a route name of 63 characters leaves no room for metadata.name in the child name (the
          // root CEL rule)
          Map.entry(
              "spec.routes[].name maxLength 63",
              rule ->
                  new Case(
                      null, null, (root, at) -> Boosters.set(at, "a".repeat(64)).accept(root))));

  /** The bound's own case, with {@code prep} applied first to both objects. */
  private static Function<Rule, Case> before(Edit prep) {
    return rule -> {
      Case plain = boundCase(rule);
      return new Case(
          null,
          (root, at) -> {
            prep.apply(root, at);
            if (plain.valid() != null) {
              plain.valid().apply(root, at);
            }
          },
          (root, at) -> {
            prep.apply(root, at);
            plain.invalid().apply(root, at);
          });
    };
  }

  /** Sets a field beside the rule's node. */
  private static Edit sibling(String field, String yaml) {
    return (root, at) -> put(root, parent(at), field, yaml);
  }

  private static String number(Object bound, int delta) {
    return new BigDecimal(bound.toString())
        .add(BigDecimal.valueOf(delta))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static Consumer<ObjectNode> set(String path, String yaml) {
    return Boosters.set(path, yaml);
  }

  private static void put(ObjectNode root, String at, String field, String yaml) {
    Boosters.set(at.isEmpty() ? field : at + "." + field, yaml).accept(root);
  }

  private static void remove(ObjectNode root, String path) {
    Boosters.remove(path).accept(root);
  }

  /**
   * The concrete path one level up: {@code a.b[0]} from {@code a.b[0].c}, {@code a.b} from {@code
   * a.b[0]}.
   */
  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** One row of the table. */
  record Row(Rule rule, String valid, String invalid) {}

  /**
   * The checker is the API server's: a misspelt field, a type error or an unknown function does not
   * compile.
   */
  @Test
  void aBrokenCelRuleFailsTheBuild(@TempDir Path dir) throws IOException {
    for (String typo :
        List.of(
            "has(self.replcas)",
            "self.replicas == 'one'",
            "self.modelURI.startWith('hf://')",
            "self.workers.all(w, w.pod > 0)")) {
      Path crd = dir.resolve("crd.yaml");
      Files.writeString(
          crd,
          Files.readString(CrdIsCurrentTest.COMMITTED)
              .replace(
                  "rule: \"has(self.minReplicas) == has(self.maxReplicas)\"",
                  "rule: \"" + typo + "\""));
      List<String> errors = new CrdRules(crd).compileErrors();
      assertEquals(2, errors.size(), typo + ": " + errors);
      assertTrue(errors.get(0).startsWith("spec.backend CEL " + typo + ": ERROR: "), errors.get(0));
    }
  }

  /** Transition rules read oldSelf on updates only, as the API server evaluates them. */
  @Test
  void transitionRulesCompareWithTheStoredObject(@TempDir Path dir) throws IOException {
    Path crd = dir.resolve("crd.yaml");
    Files.writeString(
        crd,
        Files.readString(CrdIsCurrentTest.COMMITTED)
            .replace(
                "rule: \"has(self.minReplicas) == has(self.maxReplicas)\"",
                "rule: \"!has(oldSelf.maxReplicas) || self.maxReplicas >= oldSelf.maxReplicas\""));
    CrdRules rules = new CrdRules(crd);
    assertEquals(List.of(), rules.compileErrors());
    Rule grows =
        rules.rules().stream()
            .filter(r -> r.transition() && r.location().equals("spec.backend"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> stored = plain(Boosters.tree(CURRENT));
    ObjectNode shrunk = Boosters.tree(CURRENT);
    Boosters.set("spec.backend.maxReplicas", "2").accept(shrunk);
    assertTrue(rules.holds(grows, plain(shrunk), null), "not evaluated on create");
    assertTrue(rules.holds(grows, stored, stored));
    assertFalse(rules.holds(grows, plain(shrunk), stored));
  }

  @Test
  void everyCrdRuleIsEnforcedByValidationOnTheSameObjects() throws IOException {
    CrdRules crd = new CrdRules(CrdIsCurrentTest.COMMITTED);
    assertEquals(List.of(), crd.compileErrors(), "CEL rules that the API server would refuse");
    assertTrue(crd.rules().stream().filter(Rule::isCel).count() >= 25, "the CEL rules were found");
    List<Row> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Rule rule : crd.rules()) {
      try {
        rows.add(check(crd, rule));
      } catch (AssertionError | RuntimeException e) {
        failures.add(rule.id() + "\n    " + e.getMessage());
      }
    }
    String table = table(rows);
    Files.createDirectories(TABLE.getParent());
    Files.writeString(TABLE, table + "\n" + String.join("\n", failures));
    if (Boolean.getBoolean("booster.parity.print")) {
      System.out.println(table);
    }
    assertEquals(
        List.of(),
        failures,
        failures.size() + " of " + crd.rules().size() + " rules without parity");
  }

  private static Row check(CrdRules crd, Rule rule) {
    Case c =
        rule.isCel()
            ? CEL.get((String) rule.bound())
            : BOUND_OVERRIDES.getOrDefault(rule.id(), CrdRulesParityTest::boundCase).apply(rule);
    if (c == null) {
      throw new AssertionError("no case for this CEL rule: add one to CrdRulesParityTest");
    }
    Start start = start(rule, c);
    ObjectNode begin = Boosters.tree(start.base());
    start.prepare().accept(begin);
    List<Node> nodes = CrdRules.nodes(plain(begin), rule.location());
    if (nodes.isEmpty()) {
      throw new AssertionError("the start object has no " + rule.location());
    }
    String at = nodes.get(0).path();
    Set<String> brokenAtStart = broken(crd, plain(begin), null);
    boolean forbidden = !brokenAtStart.isEmpty();

    String validText;
    if (forbidden) {
      validText =
          "none: the CRD's CEL forbids "
              + CrdRules.nodes(plain(begin), forbiddenField(rule)).get(0).path();
    } else {
      ObjectNode valid = begin.deepCopy();
      if (c.valid() != null) {
        c.valid().apply(valid, at);
      }
      Set<String> brokenValid = broken(crd, plain(valid), plain(begin));
      if (!brokenValid.isEmpty()) {
        throw new AssertionError("the valid object breaks " + brokenValid);
      }
      List<Problem> javaErrors = errors(valid);
      if (!javaErrors.isEmpty()) {
        throw new AssertionError("Validation refuses the valid object: " + javaErrors);
      }
      validText = "accepted by both";
    }

    ObjectNode invalid = begin.deepCopy();
    c.invalid().apply(invalid, at);
    Set<String> brokenInvalid = broken(crd, plain(invalid), plain(begin));
    if (!brokenInvalid.contains(rule.id())) {
      throw new AssertionError("the invalid object keeps the rule");
    }
    Set<String> others = new LinkedHashSet<>(brokenInvalid);
    others.remove(rule.id());
    others.removeAll(brokenAtStart);
    others.removeIf(other -> alsoBroken(rule).stream().anyMatch(other::startsWith));
    if (!others.isEmpty()) {
      throw new AssertionError("the invalid object breaks other rules too: " + others);
    }
    // Validation names a forbidden field once, not each value under it
    String field =
        forbidden
            ? CrdRules.nodes(plain(begin), forbiddenField(rule)).get(0).path()
            : rule.location().isEmpty() ? "" : at;
    List<Problem> javaErrors =
        errors(invalid).stream().filter(p -> under(p.path(), field)).toList();
    if (javaErrors.isEmpty()) {
      throw new AssertionError(
          "Validation accepts the invalid object (no error at or under '"
              + field
              + "'): "
              + errors(invalid));
    }
    String shown = javaErrors.get(0).toString();
    return new Row(
        rule,
        validText,
        "rejected by both; Validation: "
            + (shown.length() > 110 ? shown.substring(0, 107) + "..." : shown));
  }

  private static List<String> alsoBroken(Rule rule) {
    List<String> allowed =
        new ArrayList<>(
            ALSO_BREAKS.getOrDefault(rule.location() + " " + rule.keyword(), List.of()));
    if (rule.keyword().equals("minLength")) {
      allowed.add(rule.location() + " pattern ");
    }
    return allowed;
  }

  private static String forbiddenField(Rule rule) {
    return FORBIDDEN.keySet().stream()
        .filter(key -> within(rule.location(), key))
        .findFirst()
        .orElseThrow();
  }

  private static boolean within(String location, String key) {
    return location.equals(key) || location.startsWith(key + ".") || location.startsWith(key + "[");
  }

  private static Start start(Rule rule, Case c) {
    for (Map.Entry<String, Start> e : FORBIDDEN.entrySet()) {
      if (within(rule.location(), e.getKey())) {
        return e.getValue();
      }
    }
    for (String base : c.bases() != null ? c.bases() : BASES) {
      if (!CrdRules.nodes(plain(Boosters.tree(base)), rule.location()).isEmpty()) {
        return new Start(base, root -> {});
      }
    }
    throw new AssertionError("no base object has " + rule.location() + ": add it to one");
  }

  private static boolean under(String path, String field) {
    return field.isEmpty()
        || path.equals(field)
        || path.startsWith(field + ".")
        || path.startsWith(field + "[");
  }

  /** The ids of every CRD rule the object breaks. */
  private static Set<String> broken(
      CrdRules crd, Map<String, Object> object, Map<String, Object> old) {
    Set<String> ids = new LinkedHashSet<>();
    for (Rule rule : crd.rules()) {
      if (!crd.holds(rule, object, old)) {
        ids.add(rule.id());
      }
    }
    return ids;
  }

  /** The errors of reading the object as a booster (types, enums) or else of validating it. */
  private static List<Problem> errors(ObjectNode tree) {
    try {
      return Validation.validate(Boosters.read(YAML.writeValueAsString(tree))).stream()
          .filter(Problem::isError)
          .toList();
    } catch (InvalidInputException e) {
      return e.problems().stream()
          .map(line -> line.substring("test.yaml: ".length()))
          .map(
              line ->
                  Problem.error(
                      line.substring(0, line.indexOf(": ")),
                      line.substring(line.indexOf(": ") + 2)))
          .toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(ObjectNode tree) {
    return YAML.convertValue(tree, Map.class);
  }

  /** A Markdown table, one rule a row. */
  private static String table(List<Row> rows) {
    StringBuilder out =
        new StringBuilder(
            "| CRD rule ("
                + rows.size()
                + ") | valid object | invalid object |\n"
                + "|---|---|---|\n");
    for (Row row : rows) {
      out.append("| `")
          .append(row.rule().id().replace("|", "\\|"))
          .append("` | ")
          .append(row.valid().replace("|", "\\|"))
          .append(" | ")
          .append(row.invalid().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}

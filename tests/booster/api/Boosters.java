package booster.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Valid base boosters for the validation tests, and path-addressed edits of their YAML trees. */
final class Boosters {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  static final String CURRENT =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: demo, namespace: default}
      spec:
        autoscalingPolicy:
          metrics: [{metricName: "kthena:num_requests_waiting", targetValue: 10}]
        backend:
          name: backend1
          type: vLLM
          modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
          cacheURI: pvc://models
          minReplicas: 1
          maxReplicas: 3
          env: [{name: HF_ENDPOINT, value: "https://hf-mirror.com"}]
          workers:
            - type: server
              image: vllm/vllm-openai:latest
              replicas: 1
              pods: 1
              config: {served-model-name: demo, max-model-len: 4096}
      """;

  static final String DISAGGREGATED =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: pd}
      spec:
        backend:
          name: pd
          type: vLLMDisaggregated
          modelURI: s3://bucket/model
          minReplicas: 1
          maxReplicas: 1
          workers:
            - type: prefill
              image: vllm/vllm-openai:latest
              config: {kv-transfer-config: '{"kv_connector":"NixlConnector","kv_role":"kv_producer"}'}
            - type: decode
              image: vllm/vllm-openai:latest
              config: {kv-transfer-config: '{"kv_connector":"NixlConnector","kv_role":"kv_consumer"}'}
      """;

  /** The v1.0 shape: a fixed replica count, a runtime class and tolerations. */
  static final String FIXED =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: fixed, namespace: default}
      spec:
        backend:
          name: gpu
          type: vLLM
          modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
          replicas: 2
          runtimeClassName: nvidia
          workers:
            - type: server
              image: vllm/vllm-openai:latest
              tolerations:
                - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}
                - {key: dedicated, operator: Equal, value: inference, effect: NoExecute, tolerationSeconds: 300}
      """;

  /**
   * Prefill/decode role autoscaling: a fixed serving group whose prefill role scales from 1 to 3.
   */
  static final String ROLE_SCALING =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: roles}
      spec:
        autoscalingPolicy:
          metrics: [{metricName: "kthena:num_requests_waiting", targetValue: 10}]
        backend:
          name: pd
          type: vLLMDisaggregated
          modelURI: s3://bucket/model
          minReplicas: 1
          maxReplicas: 1
          workers:
            - type: prefill
              image: vllm/vllm-openai:latest
              replicas: 1
              maxReplicas: 3
              config: {kv-transfer-config: '{"kv_connector":"NixlConnector","kv_role":"kv_producer"}'}
            - type: decode
              image: vllm/vllm-openai:latest
              replicas: 2
              config: {kv-transfer-config: '{"kv_connector":"NixlConnector","kv_role":"kv_consumer"}'}
      """;

  /**
   * Rate limits, gateways, network topology and two extra routes, each budget on its own model
   * name.
   */
  static final String ROUTED =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: routed, namespace: default}
      spec:
        parentRefs: [{name: public, namespace: gateways}]
        rateLimit: {inputTokensPerUnit: 1000, outputTokensPerUnit: 100, unit: minute}
        backend:
          name: gpu
          type: vLLM
          modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
          replicas: 1
          networkTopology:
            groupPolicy: {mode: hard, highestTierAllowed: 1}
            rolePolicy: {mode: soft, highestTierName: rack}
          workers: [{type: server, image: "vllm/vllm-openai:latest", pods: 2}]
        routes:
          - name: tenant
            modelName: routed-tenant
            modelMatch: {headers: {x-tenant: {exact: acme}}}
            parentRefs: [{name: internal, sectionName: https, port: 443}]
            rateLimit:
              inputTokensPerUnit: 5000
              global: {redis: {address: "redis.cache.svc:6379"}}
          - name: alias
            modelName: routed-v2
      """;

  static final String LEGACY =
      """
      apiVersion: workload.serving.volcano.sh/v1alpha1
      kind: ModelBooster
      metadata: {name: legacy}
      spec:
        autoscalingPolicy:
          metrics: [{metricName: "kthena:num_requests_waiting", targetValue: 10}]
        costExpansionRatePercent: 200
        backends:
          - name: a100
            type: vLLM
            modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
            cacheURI: hostpath:///tmp/cache
            minReplicas: 1
            maxReplicas: 3
            routeWeight: 40
            scalingCost: 2
            scaleToZeroGracePeriod: 60s
            loraAdapters: [{name: lora-sql, artifactURL: s3://bucket/lora}]
            workers: [{type: server, image: "vllm/vllm-openai:latest", replicas: 1, pods: 1}]
          - name: h100
            type: vLLM
            modelURI: hf://Qwen/Qwen2.5-0.5B-Instruct
            minReplicas: 0
            maxReplicas: 2
            routeWeight: 60
            scalingCost: 3
            scaleToZeroGracePeriod: 30s
            workers: [{type: server, image: "vllm/vllm-openai:latest"}]
      """;

  private Boosters() {}

  static ObjectNode tree(String yaml) {
    return (ObjectNode) YAML.readTree(yaml);
  }

  /**
   * Applies the edit to a copy of {@code base} and reads it back as a booster, as the plugin would.
   */
  static ModelBooster edited(String base, Consumer<ObjectNode> edit) {
    ObjectNode tree = tree(base);
    edit.accept(tree);
    return read(YAML.writeValueAsString(tree));
  }

  static ModelBooster read(String yaml) {
    List<ModelBooster> boosters =
        ManifestReader.read(
            "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    return boosters.get(0);
  }

  /**
   * Sets the value (YAML text) at a path such as {@code spec.backend.workers[0].type}, creating
   * objects on the way.
   */
  static Consumer<ObjectNode> set(String path, String yamlValue) {
    return root -> {
      List<Object> segments = segments(path);
      JsonNode parent = walk(root, segments.subList(0, segments.size() - 1));
      JsonNode value = YAML.readTree(yamlValue);
      Object last = segments.get(segments.size() - 1);
      if (last instanceof Integer i) {
        ArrayNode array = (ArrayNode) parent;
        if (i < array.size()) {
          array.set(i, value);
        } else {
          array.add(value);
        }
      } else {
        ((ObjectNode) parent).set((String) last, value);
      }
    };
  }

  static Consumer<ObjectNode> remove(String path) {
    return root -> {
      List<Object> segments = segments(path);
      JsonNode parent = walk(root, segments.subList(0, segments.size() - 1));
      Object last = segments.get(segments.size() - 1);
      if (last instanceof Integer i) {
        ((ArrayNode) parent).remove(i);
      } else {
        ((ObjectNode) parent).remove((String) last);
      }
    };
  }

  @SafeVarargs
  static Consumer<ObjectNode> all(Consumer<ObjectNode>... edits) {
    return root -> {
      for (Consumer<ObjectNode> edit : edits) {
        edit.accept(root);
      }
    };
  }

  private static JsonNode walk(ObjectNode root, List<Object> segments) {
    JsonNode node = root;
    for (Object segment : segments) {
      if (segment instanceof Integer i) {
        node = node.get(i);
      } else {
        ObjectNode object = (ObjectNode) node;
        if (!object.has((String) segment)) {
          object.putObject((String) segment);
        }
        node = object.get((String) segment);
      }
    }
    return node;
  }

  private static List<Object> segments(String path) {
    Matcher m = SEGMENT.matcher(path);
    List<Object> segments = new java.util.ArrayList<>();
    while (m.find()) {
      segments.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
    }
    return segments;
  }
}

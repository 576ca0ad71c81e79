package booster.api;

import static booster.api.Boosters.CURRENT;
import static booster.api.Boosters.DISAGGREGATED;
import static booster.api.Boosters.FIXED;
import static booster.api.Boosters.LEGACY;
import static booster.api.Boosters.ROLE_SCALING;
import static booster.api.Boosters.ROUTED;
import static booster.api.Boosters.all;
import static booster.api.Boosters.remove;
import static booster.api.Boosters.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.translate.KthenaProfile;
import booster.translate.Translator;
import booster.translate.TranslatorConfig;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * One invalid booster per row: the expected error names the field, and the translator refuses the
 * booster. Every row is invalid whatever the Kthena profile; the translator used is v1.0's, which
 * allows the most.
 */
class ValidationTableTest {
  private static final Translator TRANSLATOR =
      new Translator(TranslatorConfig.defaults().withProfile(KthenaProfile.V1_0));

  record Row(String name, String base, Consumer<ObjectNode> edit, String path, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    String b = "spec.backend.";
    String w = b + "workers[0].";
    String policy = "spec.autoscalingPolicy.";
    String l0 = "spec.backends[0].";
    String r0 = "spec.routes[0].";
    String r1 = "spec.routes[1].";
    return Stream.of(
        // shape: exactly one of spec.backend / spec.backends (docs/design.md §2.1)
        new Row(
            "both shapes",
            CURRENT,
            set("spec.backends", "[{name: x}]"),
            "spec.backends",
            "Forbidden: exactly one"),
        new Row(
            "no backend at all",
            CURRENT,
            remove("spec.backend"),
            "spec.backend",
            "Required value: exactly one"),
        new Row("no spec", CURRENT, remove("spec"), "spec", "Required value"),
        new Row(
            "legacy field routeWeight with spec.backend",
            CURRENT,
            set(b + "routeWeight", "50"),
            b + "routeWeight",
            "Forbidden: only allowed in the v0.1 shape"),
        new Row(
            "legacy field loraAdapters with spec.backend",
            CURRENT,
            set(b + "loraAdapters", "[{name: l, artifactURL: 's3://x/y'}]"),
            b + "loraAdapters",
            "Forbidden"),
        new Row(
            "legacy field scaleToZeroGracePeriod with spec.backend",
            CURRENT,
            set(b + "scaleToZeroGracePeriod", "30s"),
            b + "scaleToZeroGracePeriod",
            "Forbidden"),
        new Row(
            "costExpansionRatePercent with spec.backend",
            CURRENT,
            set("spec.costExpansionRatePercent", "200"),
            "spec.costExpansionRatePercent",
            "Forbidden"),
        // names: children and their pods must get valid names (docs/design.md §2.1)
        new Row(
            "booster name starts with a digit",
            CURRENT,
            set("metadata.name", "1demo"),
            "metadata.name",
            "DNS-1035"),
        new Row(
            "booster name over 63 characters",
            CURRENT,
            set("metadata.name", "a".repeat(64)),
            "metadata.name",
            "no more than 63 characters"),
        new Row(
            "child name over 63 characters",
            CURRENT,
            set(b + "name", "b".repeat(60)),
            b + "name",
            "child name \"demo-bbbb"),
        new Row(
            "spec.name not a DNS label",
            CURRENT,
            set("spec.name", "Qwen_2.5"),
            "spec.name",
            "RFC 1123"),
        new Row(
            "spec.name over 64 characters",
            CURRENT,
            set("spec.name", "n".repeat(65)),
            "spec.name",
            "no more than 64"),
        new Row(
            "backend name not a DNS label",
            CURRENT,
            set(b + "name", "Backend_1"),
            b + "name",
            "Invalid value: \"Backend_1\": must be a lowercase RFC 1123 label"),
        new Row("backend name missing", CURRENT, remove(b + "name"), b + "name", "Required value"),
        // backend type and URIs: errors where the booster could never become Active (docs/design.md
        // §2.1)
        new Row(
            "SGLang is not translatable",
            CURRENT,
            set(b + "type", "SGLang"),
            b + "type",
            "Unsupported value: \"SGLang\": supported values: \"vLLM\", \"vLLMDisaggregated\""),
        new Row(
            "legacy MindIE backend",
            LEGACY,
            set(l0 + "type", "MindIE"),
            l0 + "type",
            "Unsupported value: \"MindIE\""),
        new Row("type missing", CURRENT, remove(b + "type"), b + "type", "Required value"),
        new Row(
            "modelURI scheme gs://",
            CURRENT,
            set(b + "modelURI", "gs://bucket/model"),
            b + "modelURI",
            "unsupported scheme"),
        new Row(
            "modelURI missing", CURRENT, remove(b + "modelURI"), b + "modelURI", "Required value"),
        new Row(
            "cacheURI hostPath:// (case matters)",
            CURRENT,
            set(b + "cacheURI", "hostPath:///cache"),
            b + "cacheURI",
            "must start with hostpath:// or pvc://"),
        // replicas
        new Row(
            "min greater than max",
            CURRENT,
            set(b + "minReplicas", "4"),
            b + "minReplicas",
            "Invalid value: 4: minReplicas cannot be greater than maxReplicas"),
        new Row(
            "negative minReplicas",
            CURRENT,
            set(b + "minReplicas", "-1"),
            b + "minReplicas",
            "must be greater than or equal to 0"),
        new Row(
            "maxReplicas 0",
            CURRENT,
            all(set(b + "minReplicas", "0"), set(b + "maxReplicas", "0")),
            b + "maxReplicas",
            "must be greater than or equal to 1"),
        new Row(
            "maxReplicas over a million",
            CURRENT,
            set(b + "maxReplicas", "1000001"),
            b + "maxReplicas",
            "must be less than or equal to 1000000"),
        new Row(
            "maxReplicas missing",
            CURRENT,
            remove(b + "maxReplicas"),
            b + "maxReplicas",
            "Required value"),
        // replica styles: v1.0 replicas or the v0.2-v0.4 range (docs/design.md §2.1)
        new Row(
            "replicas and minReplicas",
            FIXED,
            set(b + "minReplicas", "1"),
            b + "replicas",
            "Forbidden: set either replicas (a fixed count) or minReplicas and maxReplicas"),
        new Row(
            "no replica style at all",
            FIXED,
            remove(b + "replicas"),
            b + "replicas",
            "Required value: set replicas (a fixed count), or minReplicas and maxReplicas"),
        new Row(
            "minReplicas alone",
            FIXED,
            all(remove(b + "replicas"), set(b + "minReplicas", "1")),
            b + "maxReplicas",
            "Required value: minReplicas and maxReplicas must be set together"),
        new Row(
            "replicas over a million",
            FIXED,
            set(b + "replicas", "1000001"),
            b + "replicas",
            "must be less than or equal to 1000000"),
        new Row(
            "negative replicas",
            FIXED,
            set(b + "replicas", "-1"),
            b + "replicas",
            "must be greater than or equal to 0"),
        new Row(
            "replicas with autoscalingPolicy",
            FIXED,
            set("spec.autoscalingPolicy", "{metrics: [{metricName: m, targetValue: 1}]}"),
            "spec.autoscalingPolicy",
            "Forbidden: requires spec.backend.minReplicas and maxReplicas (with replicas, write an "
                + "AutoscalingPolicy for ModelServing fixed-gpu)"),
        new Row(
            "replicas in a legacy backend",
            LEGACY,
            set(l0 + "replicas", "1"),
            l0 + "replicas",
            "Forbidden: spec.backends[] items take minReplicas and maxReplicas"),
        // runtimeClassName and tolerations, checked as the API server checks a pod's
        new Row(
            "runtimeClassName not a DNS subdomain",
            FIXED,
            set(b + "runtimeClassName", "NVIDIA_gpu"),
            b + "runtimeClassName",
            "must be a lowercase RFC 1123 subdomain"),
        new Row(
            "runtimeClassName over 253 characters",
            FIXED,
            set(b + "runtimeClassName", "r".repeat(254)),
            b + "runtimeClassName",
            "no more than 253 characters"),
        new Row(
            "legacy runtimeClassName not a DNS subdomain",
            LEGACY,
            set(l0 + "runtimeClassName", "-gpu"),
            l0 + "runtimeClassName",
            "RFC 1123 subdomain"),
        new Row(
            "toleration operator Contains",
            FIXED,
            set(w + "tolerations[0].operator", "Contains"),
            w + "tolerations[0].operator",
            "Unsupported value: \"Contains\": supported values: \"Equal\", \"Exists\""),
        new Row(
            "toleration Exists with a value",
            FIXED,
            set(w + "tolerations[0].value", "yes"),
            w + "tolerations[0].value",
            "value must be empty when `operator` is 'Exists'"),
        new Row(
            "toleration effect NoRun",
            FIXED,
            set(w + "tolerations[0].effect", "NoRun"),
            w + "tolerations[0].effect",
            "Unsupported value: \"NoRun\": supported values: \"NoSchedule\", "
                + "\"PreferNoSchedule\", \"NoExecute\""),
        new Row(
            "tolerationSeconds without NoExecute",
            FIXED,
            set(w + "tolerations[1].effect", "NoSchedule"),
            w + "tolerations[1].tolerationSeconds",
            "only allowed with effect NoExecute"),
        new Row(
            "toleration without key must be Exists",
            FIXED,
            remove(w + "tolerations[1].key"),
            w + "tolerations[1].operator",
            "operator must be Exists when `key` is empty"),
        new Row(
            "toleration key not a qualified name",
            FIXED,
            set(w + "tolerations[0].key", "'gpu type'"),
            w + "tolerations[0].key",
            "must be a qualified name"),
        new Row(
            "toleration value not a label value",
            FIXED,
            set(w + "tolerations[1].value", "'in ference'"),
            w + "tolerations[1].value",
            "a label value"),
        new Row(
            "null toleration",
            FIXED,
            set(w + "tolerations[0]", "null"),
            w + "tolerations[0]",
            "Required value"),
        // prefill/decode role autoscaling (docs/design.md §5.1)
        new Row(
            "maxReplicas on a server worker",
            CURRENT,
            set(w + "maxReplicas", "3"),
            w + "maxReplicas",
            "Forbidden: only prefill and decode workers scale by role"),
        new Row(
            "role maxReplicas below its replicas",
            ROLE_SCALING,
            set(w + "replicas", "4"),
            w + "maxReplicas",
            "Invalid value: 3: must be greater than or equal to replicas (4)"),
        new Row(
            "role maxReplicas 0",
            ROLE_SCALING,
            set(w + "maxReplicas", "0"),
            w + "maxReplicas",
            "must be greater than or equal to 1"),
        new Row(
            "role autoscaling without a policy",
            ROLE_SCALING,
            remove("spec.autoscalingPolicy"),
            w + "maxReplicas",
            "Forbidden: role autoscaling needs spec.autoscalingPolicy"),
        new Row(
            "role and serving-group autoscaling together",
            ROLE_SCALING,
            set(b + "maxReplicas", "3"),
            b + "maxReplicas",
            "Invalid value: 3: a worker sets maxReplicas (role autoscaling)"),
        new Row(
            "role autoscaling with fixed replicas",
            ROLE_SCALING,
            all(remove(b + "minReplicas"), remove(b + "maxReplicas"), set(b + "replicas", "1")),
            b + "maxReplicas",
            "Required value: a worker sets maxReplicas (role autoscaling)"),
        new Row(
            "role autoscaling with a role at 0 replicas",
            ROLE_SCALING,
            set(b + "workers[1].replicas", "0"),
            b + "workers[1].replicas",
            "needs every role at 1 replica or more"),
        // workers
        new Row(
            "no workers",
            CURRENT,
            set(b + "workers", "[]"),
            b + "workers",
            "must have at least 1 item"),
        new Row(
            "vLLM with two workers",
            CURRENT,
            set(b + "workers[1]", "{type: server, image: x}"),
            b + "workers",
            "Invalid value: 2: If backend type is 'vLLM', there must be exactly one worker"),
        new Row(
            "vLLM without a server worker",
            CURRENT,
            set(w + "type", "prefill"),
            w + "type",
            "If backend type is 'vLLM', the worker type must be 'server'"),
        new Row(
            "PD with a server worker",
            DISAGGREGATED,
            set(b + "workers[2]", "{type: server, image: x}"),
            b + "workers[2].type",
            "all workers must be type 'prefill' or 'decode'"),
        new Row(
            "PD without decode",
            DISAGGREGATED,
            remove(b + "workers[1]"),
            b + "workers",
            "Required value: a 'decode' worker is required"),
        new Row(
            "PD without prefill",
            DISAGGREGATED,
            remove(b + "workers[0]"),
            b + "workers",
            "Required value: a 'prefill' worker is required"),
        new Row(
            "explicit pods 0",
            CURRENT,
            set(w + "pods", "0"),
            w + "pods",
            "Invalid value: 0: must be at least 1"),
        new Row(
            "negative replicas",
            CURRENT,
            set(w + "replicas", "-1"),
            w + "replicas",
            "must be greater than or equal to 0"),
        new Row(
            "image with a space",
            CURRENT,
            set(w + "image", "'vllm/vllm-openai: latest'"),
            w + "image",
            "image cannot contain spaces"),
        new Row(
            "image of spaces",
            CURRENT,
            set(w + "image", "'   '"),
            w + "image",
            "image cannot be empty or whitespace only"),
        new Row("image missing", CURRENT, remove(w + "image"), w + "image", "Required value"),
        new Row(
            "config not an object",
            CURRENT,
            set(w + "config", "'--max-model-len 4096'"),
            w + "config",
            "must be a JSON object"),
        new Row(
            "config null value",
            CURRENT,
            set(w + "config.max-model-len", "null"),
            w + "config.max-model-len",
            "null is not allowed"),
        new Row(
            "kv-transfer-config as a YAML object",
            DISAGGREGATED,
            set(w + "config.kv-transfer-config", "{kv_connector: NixlConnector}"),
            w + "config.kv-transfer-config",
            "must be a string holding a JSON object"),
        new Row(
            "kv-transfer-config not JSON",
            DISAGGREGATED,
            set(w + "config.kv-transfer-config", "'{kv_connector'"),
            w + "config.kv-transfer-config",
            "not valid JSON"),
        new Row(
            "kv-transfer-config a JSON list",
            DISAGGREGATED,
            set(w + "config.kv-transfer-config", "'[1, 2]'"),
            w + "config.kv-transfer-config",
            "must be a JSON object"),
        new Row(
            "env entry without a name",
            CURRENT,
            set(b + "env[0]", "{value: x}"),
            b + "env[0].name",
            "Required value"),
        // autoscaling policy
        new Row(
            "policy without metrics",
            CURRENT,
            set(policy + "metrics", "[]"),
            policy + "metrics",
            "must have at least 1 item"),
        new Row(
            "targetValue not a quantity",
            CURRENT,
            set(policy + "metrics[0].targetValue", "'ten'"),
            policy + "metrics[0].targetValue",
            "must be a quantity"),
        new Row(
            "metricName missing",
            CURRENT,
            remove(policy + "metrics[0].metricName"),
            policy + "metrics[0].metricName",
            "Required value"),
        new Row(
            "tolerancePercent over 100",
            CURRENT,
            set(policy + "tolerancePercent", "101"),
            policy + "tolerancePercent",
            "must be less than or equal to 100"),
        new Row(
            "period not a duration",
            CURRENT,
            set(policy + "behavior.scaleUp.stablePolicy.period", "'15 seconds'"),
            policy + "behavior.scaleUp.stablePolicy.period",
            "must be a duration"),
        new Row(
            "panic policy without period",
            CURRENT,
            set(policy + "behavior.scaleUp.panicPolicy.percent", "200"),
            policy + "behavior.scaleUp.panicPolicy.period",
            "Required value"),
        new Row(
            "panic threshold under 110",
            CURRENT,
            set(
                policy + "behavior.scaleUp.panicPolicy",
                "{period: 10s, panicThresholdPercent: 100}"),
            policy + "behavior.scaleUp.panicPolicy.panicThresholdPercent",
            "greater than or equal to 110"),
        new Row(
            "selectPolicy Xor",
            CURRENT,
            set(policy + "behavior.scaleDown.selectPolicy", "Xor"),
            policy + "behavior.scaleDown.selectPolicy",
            "Unsupported value: \"Xor\": supported values: \"Or\", \"And\""),
        new Row(
            "negative stabilization window",
            CURRENT,
            set(policy + "behavior.scaleDown.stabilizationWindow", "-5m"),
            policy + "behavior.scaleDown.stabilizationWindow",
            "must not be negative"),
        // the AutoscalingPolicy webhook's own rules (the same at Kthena v0.4 and v1.0)
        new Row(
            "duplicate metric name",
            CURRENT,
            set(
                policy + "metrics[1]",
                "{metricName: 'kthena:num_requests_waiting', targetValue: 3}"),
            policy + "metrics[1].metricName",
            "duplicate metric name kthena:num_requests_waiting is not allowed"),
        new Row(
            "targetValue 0",
            CURRENT,
            set(policy + "metrics[0].targetValue", "0"),
            policy + "metrics[0].targetValue",
            "must be greater than 0"),
        new Row(
            "negative targetValue",
            CURRENT,
            set(policy + "metrics[0].targetValue", "'-500m'"),
            policy + "metrics[0].targetValue",
            "must be greater than 0"),
        new Row(
            "panic hold over 30 minutes",
            CURRENT,
            set(policy + "behavior.scaleUp.panicPolicy", "{period: 10s, panicModeHold: 31m}"),
            policy + "behavior.scaleUp.panicPolicy.panicModeHold",
            "must be between 0 and 30 minutes"),
        // model match
        new Row(
            "header match with exact and prefix",
            CURRENT,
            set("spec.modelMatch.headers.users", "{exact: john, prefix: jo}"),
            "spec.modelMatch.headers[users]",
            "exactly one of exact, prefix or regex"),
        new Row(
            "uri match with nothing",
            CURRENT,
            set("spec.modelMatch.uri", "{}"),
            "spec.modelMatch.uri",
            "Required value: exactly one of exact, prefix or regex"),
        // extra routes: names, child names, duplicates, model names
        new Row(
            "route without a name",
            ROUTED,
            remove(r0 + "name"),
            r0 + "name",
            "Required value: the route is named <metadata.name>-<name>"),
        new Row(
            "route with an empty name (the main route's name)",
            ROUTED,
            set(r0 + "name", "''"),
            r0 + "name",
            "Required value"),
        new Row(
            "route name not a DNS label",
            ROUTED,
            set(r0 + "name", "Tenant_A"),
            r0 + "name",
            "must be a lowercase RFC 1123 label"),
        new Row(
            "route name over 63 characters",
            ROUTED,
            set(r0 + "name", "t".repeat(64)),
            r0 + "name",
            "no more than 63 characters"),
        new Row(
            "route child name over 63 characters",
            ROUTED,
            set(r0 + "name", "t".repeat(57)),
            r0 + "name",
            "the child name \"routed-ttt"),
        new Row(
            "two routes of one name",
            ROUTED,
            set(r1 + "name", "tenant"),
            r1 + "name",
            "Duplicate value: \"tenant\""),
        new Row(
            "route modelName empty",
            ROUTED,
            set(r1 + "modelName", "''"),
            r1 + "modelName",
            "must not be empty; leave it out to use metadata.name"),
        new Row(
            "route modelName over 253 characters",
            ROUTED,
            set(r1 + "modelName", "m".repeat(254)),
            r1 + "modelName",
            "no more than 253 characters"),
        new Row(
            "route modelName of a LoRA adapter",
            LEGACY,
            set("spec.routes", "[{name: sql, modelName: lora-sql}]"),
            "spec.routes[0].modelName",
            "a LoRA adapter of this booster has that name"),
        new Row(
            "null route",
            ROUTED,
            set("spec.routes[1]", "null"),
            "spec.routes[1]",
            "Required value"),
        new Row(
            "seventeen routes",
            ROUTED,
            set("spec.routes", routes(17)),
            "spec.routes",
            "Too many: 17: must have at most 16 items"),
        new Row(
            "route match with exact and regex",
            ROUTED,
            set(r0 + "modelMatch.headers.x-tenant", "{exact: a, regex: b}"),
            r0 + "modelMatch.headers[x-tenant]",
            "exactly one of exact, prefix or regex"),
        // rate limits (ModelRoute CRD bounds) and one budget per model name
        new Row(
            "inputTokensPerUnit 0",
            ROUTED,
            set("spec.rateLimit.inputTokensPerUnit", "0"),
            "spec.rateLimit.inputTokensPerUnit",
            "must be greater than or equal to 1"),
        new Row(
            "route outputTokensPerUnit 0",
            ROUTED,
            set(r0 + "rateLimit.outputTokensPerUnit", "0"),
            r0 + "rateLimit.outputTokensPerUnit",
            "must be greater than or equal to 1"),
        new Row(
            "Redis address without a port",
            ROUTED,
            set(r0 + "rateLimit.global.redis.address", "redis"),
            r0 + "rateLimit.global.redis.address",
            "must be host:port"),
        new Row(
            "Redis port over 65535",
            ROUTED,
            set(r0 + "rateLimit.global.redis.address", "redis:65536"),
            r0 + "rateLimit.global.redis.address",
            "must be host:port"),
        new Row(
            "Redis address missing",
            ROUTED,
            set(r0 + "rateLimit.global.redis", "{}"),
            r0 + "rateLimit.global.redis.address",
            "Required value"),
        new Row(
            "budget on a route answering the booster name",
            ROUTED,
            remove(r0 + "modelName"),
            r0 + "rateLimit",
            "Forbidden: the Kthena router keeps one token budget per model name"),
        new Row(
            "main budget with a route answering the booster name",
            ROUTED,
            remove(r1 + "modelName"),
            "spec.rateLimit",
            "\"routed\" is also the model name of spec.routes[1]: give that route a modelName"),
        new Row(
            "two budgets on one model name",
            ROUTED,
            set(r1 + "modelName", "routed-tenant"),
            r0 + "rateLimit",
            "\"routed-tenant\" is also the model name of spec.routes[1]"),
        // gateways (Gateway API ParentReference bounds)
        new Row(
            "parentRef without a name",
            ROUTED,
            remove("spec.parentRefs[0].name"),
            "spec.parentRefs[0].name",
            "Required value"),
        new Row(
            "parentRef name over 253 characters",
            ROUTED,
            set("spec.parentRefs[0].name", "g".repeat(254)),
            "spec.parentRefs[0].name",
            "no more than 253 characters"),
        new Row(
            "parentRef namespace not a DNS label",
            ROUTED,
            set("spec.parentRefs[0].namespace", "Gateways"),
            "spec.parentRefs[0].namespace",
            "must be a lowercase RFC 1123 label"),
        new Row(
            "parentRef kind empty",
            ROUTED,
            set("spec.parentRefs[0].kind", "''"),
            "spec.parentRefs[0].kind",
            "must not be empty"),
        new Row(
            "parentRef kind not a kind",
            ROUTED,
            set("spec.parentRefs[0].kind", "9Gateway"),
            "spec.parentRefs[0].kind",
            "must be a kind such as Gateway"),
        new Row(
            "parentRef group not a subdomain",
            ROUTED,
            set("spec.parentRefs[0].group", "Gateway.Networking"),
            "spec.parentRefs[0].group",
            "must be empty (the core group) or a lowercase RFC 1123 subdomain"),
        new Row(
            "route parentRef sectionName not a subdomain",
            ROUTED,
            set(r0 + "parentRefs[0].sectionName", "HTTPS"),
            r0 + "parentRefs[0].sectionName",
            "a listener name"),
        new Row(
            "route parentRef port 0",
            ROUTED,
            set(r0 + "parentRefs[0].port", "0"),
            r0 + "parentRefs[0].port",
            "must be greater than or equal to 1"),
        new Row(
            "route parentRef port over 65535",
            ROUTED,
            set(r0 + "parentRefs[0].port", "65536"),
            r0 + "parentRefs[0].port",
            "must be less than or equal to 65535"),
        // network topology (Volcano's NetworkTopologySpec in the ModelServing CRD)
        new Row(
            "tier by number and by name",
            ROUTED,
            set(b + "networkTopology.groupPolicy.highestTierName", "rack"),
            b + "networkTopology.groupPolicy.highestTierName",
            "Forbidden: set highestTierAllowed or highestTierName, not both"),
        new Row(
            "negative tier",
            ROUTED,
            set(b + "networkTopology.groupPolicy.highestTierAllowed", "-1"),
            b + "networkTopology.groupPolicy.highestTierAllowed",
            "must be greater than or equal to 0"),
        new Row(
            "tier name over 253 characters",
            ROUTED,
            set(b + "networkTopology.rolePolicy.highestTierName", "r".repeat(254)),
            b + "networkTopology.rolePolicy.highestTierName",
            "no more than 253 characters"),
        new Row(
            "legacy backend tier by number and by name",
            LEGACY,
            set(
                l0 + "networkTopology",
                "{rolePolicy: {highestTierAllowed: 1, highestTierName: rack}}"),
            l0 + "networkTopology.rolePolicy.highestTierName",
            "Forbidden"),
        // legacy shape: upstream's v0.1 webhook rules
        new Row(
            "duplicate backend names",
            LEGACY,
            set("spec.backends[1].name", "a100"),
            "spec.backends[1].name",
            "Duplicate value: \"a100\""),
        new Row(
            "grace period over 1800s",
            LEGACY,
            set(l0 + "scaleToZeroGracePeriod", "31m"),
            l0 + "scaleToZeroGracePeriod",
            "Invalid value: \"31m\": scaleToZeroGracePeriod cannot exceed 1800 seconds"),
        new Row(
            "negative grace period",
            LEGACY,
            set(l0 + "scaleToZeroGracePeriod", "-1s"),
            l0 + "scaleToZeroGracePeriod",
            "cannot be negative"),
        new Row(
            "grace period not a duration",
            LEGACY,
            set(l0 + "scaleToZeroGracePeriod", "soon"),
            l0 + "scaleToZeroGracePeriod",
            "must be a duration"),
        new Row(
            "scalingCost without model-level autoscaling",
            LEGACY,
            all(remove("spec.autoscalingPolicy"), remove("spec.costExpansionRatePercent")),
            l0 + "scalingCost",
            "Forbidden: scalingCost must not be provided when model-level autoscaling is not set"),
        new Row(
            "costExpansionRatePercent without model-level autoscaling",
            LEGACY,
            remove("spec.autoscalingPolicy"),
            "spec.costExpansionRatePercent",
            "Forbidden"),
        new Row(
            "model-level and backend-level autoscaling",
            LEGACY,
            set(l0 + "autoscalingPolicy", "{metrics: [{metricName: m, targetValue: 1}]}"),
            l0 + "autoscalingPolicy",
            "Forbidden: spec.autoscalingPolicy and spec.backends[].autoscalingPolicy cannot both be set"),
        new Row(
            "routeWeight over 100",
            LEGACY,
            set(l0 + "routeWeight", "101"),
            l0 + "routeWeight",
            "must be less than or equal to 100"),
        new Row(
            "negative scalingCost",
            LEGACY,
            set(l0 + "scalingCost", "-1"),
            l0 + "scalingCost",
            "must be greater than or equal to 0"),
        new Row(
            "costExpansionRatePercent over 1000",
            LEGACY,
            set("spec.costExpansionRatePercent", "1001"),
            "spec.costExpansionRatePercent",
            "must be less than or equal to 1000"),
        new Row(
            "LoRA named like the booster",
            LEGACY,
            set(l0 + "loraAdapters[0].name", "legacy"),
            l0 + "loraAdapters[0].name",
            "lora name cannot be the same as model name"),
        new Row(
            "duplicate LoRA names",
            LEGACY,
            set(l0 + "loraAdapters[1]", "{name: lora-sql, artifactURL: 's3://b/l'}"),
            l0 + "loraAdapters[1].name",
            "lora name must be unique within the backend"),
        new Row(
            "LoRA from ModelScope",
            LEGACY,
            set(l0 + "loraAdapters[0].artifactURL", "ms://org/lora"),
            l0 + "loraAdapters[0].artifactURL",
            "unsupported scheme"),
        new Row(
            "eleven LoRA adapters on one backend",
            LEGACY,
            set(l0 + "loraAdapters", loras(11)),
            l0 + "loraAdapters",
            "Too many: 11: must have at most 10 items"),
        new Row(
            "eleven distinct LoRA adapters across backends",
            LEGACY,
            all(
                set(l0 + "loraAdapters", loras(6)),
                set("spec.backends[1].loraAdapters", loras("other-", 5))),
            "spec.backends",
            "Too many: 11: must have at most 10 items"),
        new Row(
            "seventeen backends",
            LEGACY,
            set("spec.backends", backends(17)),
            "spec.backends",
            "Too many: 17: must have at most 16 items"),
        new Row(
            "empty backends list",
            LEGACY,
            set("spec.backends", "[]"),
            "spec.backends",
            "Required value: must have at least 1 item"),
        new Row(
            "null backend entry",
            LEGACY,
            set("spec.backends[1]", "null"),
            "spec.backends[1]",
            "Required value"),
        new Row(
            "sum of maxReplicas over a million",
            LEGACY,
            all(set(l0 + "maxReplicas", "1000000"), set("spec.backends[1].maxReplicas", "1000")),
            "spec.backends",
            "sum of maxReplicas across all backends cannot exceed 1000000"));
  }

  private static String loras(int count) {
    return loras("lora-", count);
  }

  private static String loras(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "{name: " + prefix + i + ", artifactURL: 's3://b/" + prefix + i + "'}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String routes(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "{name: r" + i + ", modelName: m" + i + "}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String backends(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                "{name: b"
                    + i
                    + ", type: vLLM, modelURI: 'hf://q/m', "
                    + "minReplicas: 1, maxReplicas: 1, scalingCost: 1, workers: [{image: x}]}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rejectedWithItsFieldPath(Row row) {
    ModelBooster booster = Boosters.edited(row.base(), row.edit());
    List<Problem> problems = Validation.validate(booster);
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.isError()
                        && p.path().equals(row.path())
                        && p.message().contains(row.fragment())),
        "expected error " + row.path() + ": ..." + row.fragment() + "... but got " + problems);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TRANSLATOR.translate(booster));
    assertEquals(
        problems.stream().filter(Problem::isError).map(Problem::toString).toList(),
        e.problems(),
        "the exception lists the errors only");
  }

  @Test
  void theTableIsLarge() {
    assertTrue(rows().count() >= 40);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CURRENT", "DISAGGREGATED", "LEGACY", "FIXED", "ROLE_SCALING", "ROUTED"})
  void baseBoostersAreClean(String which) {
    String base =
        switch (which) {
          case "CURRENT" -> CURRENT;
          case "DISAGGREGATED" -> DISAGGREGATED;
          case "FIXED" -> FIXED;
          case "ROLE_SCALING" -> ROLE_SCALING;
          case "ROUTED" -> ROUTED;
          default -> LEGACY;
        };
    assertEquals(List.of(), Validation.validate(Boosters.read(base)));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ModelBooster booster =
        Boosters.edited(
            DISAGGREGATED,
            all(
                set("metadata.name", "9pd"),
                set("spec.backend.type", "vLLM"),
                set("spec.backend.modelURI", "gs://x"),
                set("spec.backend.minReplicas", "5"),
                set("spec.backend.workers[0].pods", "0"),
                set("spec.backend.workers[1].image", "'a b'"),
                set("spec.backend.workers[1].config", "[1]"),
                set("spec.backend.routeWeight", "10"),
                set("spec.modelMatch.uri", "{exact: a, regex: b}"),
                set("spec.autoscalingPolicy", "{metrics: []}")));
    List<String> paths =
        Validation.validate(booster).stream().filter(Problem::isError).map(Problem::path).toList();
    List<String> expected =
        List.of(
            "metadata.name",
            "spec.backend.modelURI",
            "spec.backend.minReplicas",
            "spec.backend.workers",
            "spec.backend.workers[0].type",
            "spec.backend.workers[0].pods",
            "spec.backend.workers[1].image",
            "spec.backend.workers[1].config",
            "spec.backend.routeWeight",
            "spec.modelMatch.uri",
            "spec.autoscalingPolicy.metrics");
    assertTrue(
        paths.containsAll(expected),
        "missing: " + expected.stream().filter(p -> !paths.contains(p)).toList() + " in " + paths);
  }
}

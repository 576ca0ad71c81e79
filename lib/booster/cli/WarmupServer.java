package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.Trees;
import booster.translate.ChildKind;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback stand-in for a Kthena v0.4 API server holding one booster with its children, a pod and
 * an event, for the {@link Warmup} training run: GETs of those paths answer the objects (query
 * strings ignored), the OpenAPI v3 document of the workload group carries a v0.4 AutoscalingPolicy
 * schema, writes echo their body, other GETs are the API server's NotFound for that name. Not a
 * test double: it only makes the training take the same code paths as a real cluster.
 */
final class WarmupServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> documents = new HashMap<>();

  WarmupServer(ModelBooster booster, List<GenericKubernetesResource> children) throws IOException {
    String namespace = booster.getMetadata().getNamespace();
    String boosters =
        "/apis/" + ModelBooster.API_VERSION + "/namespaces/" + namespace + "/modelboosters";
    documents.put(
        boosters + "/" + booster.getMetadata().getName(), Trees.SERIALIZATION.asJson(booster));
    documents.put("/apis/" + ModelBooster.API_VERSION + "/modelboosters", list(List.of(booster)));
    for (ChildKind kind : ChildKind.values()) {
      documents.put(
          "/apis/"
              + kind.group()
              + "/"
              + ChildKind.VERSION
              + "/namespaces/"
              + namespace
              + "/"
              + kind.plural(),
          list(children.stream().filter(c -> kind.kind().equals(c.getKind())).toList()));
    }
    documents.put(
        "/api/v1/namespaces/" + namespace + "/pods",
        list(
            List.of(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(booster.getMetadata().getName() + "-0")
                    .withNamespace(namespace)
                    .addToLabels(TreeCommand.SERVING_NAME, children.get(0).getMetadata().getName())
                    .endMetadata()
                    .withNewStatus()
                    .withPhase("Running")
                    .addNewContainerStatus()
                    .withName("engine")
                    .withReady(true)
                    .endContainerStatus()
                    .endStatus()
                    .build())));
    documents.put(
        "/api/v1/namespaces/" + namespace + "/events",
        list(
            List.of(
                new EventBuilder()
                    .withNewMetadata()
                    .withName(booster.getMetadata().getName() + ".1")
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withKind(ModelBooster.KIND)
                    .withName(booster.getMetadata().getName())
                    .endInvolvedObject()
                    .withType("Normal")
                    .withReason("Warmup")
                    .withMessage("warm-up")
                    .withCount(1)
                    .withLastTimestamp("2026-01-01T00:00:00Z")
                    .build())));
    // Just enough schema for the Kthena release detection to read v0.4 (a metric named by
    // metricName).
    documents.put(
        "/openapi/v3/apis/" + ModelBooster.GROUP + "/" + ChildKind.VERSION,
        """
        {"components": {"schemas": {"AutoscalingPolicy": {
          "x-kubernetes-group-version-kind": [{"group": "%s", "kind": "AutoscalingPolicy", "version": "%s"}],
          "properties": {"spec": {"properties": {"metrics": {"items": {"properties": {"metricName": {}}}}}}}}}}}
        """
            .formatted(ChildKind.AUTOSCALING_POLICY.group(), ChildKind.VERSION));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** The server's base URL. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String list(List<?> items) {
    return Trees.SERIALIZATION.asJson(
        Map.of("apiVersion", "v1", "kind", "List", "metadata", Map.of(), "items", items));
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] sent = exchange.getRequestBody().readAllBytes();
    String body = documents.get(path);
    int code = 200;
    if (!"GET".equals(exchange.getRequestMethod())) {
      code = "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
      body = new String(sent, StandardCharsets.UTF_8);
    } else if (body == null) {
      code = 404;
      String name = path.substring(path.lastIndexOf('/') + 1);
      body =
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
              + "\"message\":\""
              + name
              + " not found\",\"code\":404,\"details\":{\"name\":\""
              + name
              + "\"}}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

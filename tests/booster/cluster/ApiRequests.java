package booster.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every request the operator's clients ({@link TestCluster#newClient()}) sent in this JVM, in the
 * attributes the API server's authorizer decides on, for the RBAC test. The test's own client is
 * not recorded. Also remembers which namespaces stood in for the operator's own namespace ({@link
 * TestCluster#operatorNamespace()}) and which test classes used a {@link TestCluster}.
 */
public final class ApiRequests {
  private static final Map<Request, String> SEEN = new ConcurrentHashMap<>();
  private static final Set<String> OPERATOR_NAMESPACES = ConcurrentHashMap.newKeySet();
  private static final Set<Class<?>> CLASSES = ConcurrentHashMap.newKeySet();

  private ApiRequests() {}

  /**
   * One request as Kubernetes' RequestInfoFactory reads it. A resource request has a verb, group,
   * resource and maybe a subresource, namespace (null: cluster-wide) and name; a non-resource
   * request has only a verb and url.
   */
  public record Request(
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name,
      String url) {
    public boolean isResourceRequest() {
      return url == null;
    }

    /** {@code resource/subresource} as RBAC rules name it. */
    public String combinedResource() {
      return subresource == null ? resource : resource + "/" + subresource;
    }

    /** Parses the method and URI the way the API server does before it authorizes. */
    public static Request of(String method, URI uri) {
      String verb = method.toLowerCase(Locale.ROOT);
      String path = uri.getRawPath();
      List<String> parts =
          new ArrayList<>(
              Arrays.stream(path.split("/"))
                  .filter(p -> !p.isEmpty())
                  .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
                  .toList());
      // /api/v1/x and /apis/g/v1/x are resource requests; /api, /api/v1, /apis/g, /apis/g/v1 are
      // discovery.
      boolean legacy = !parts.isEmpty() && parts.get(0).equals("api");
      boolean grouped = !parts.isEmpty() && parts.get(0).equals("apis");
      if (parts.size() < 3 || !(legacy || grouped) || (grouped && parts.size() < 4)) {
        return new Request(verb, null, null, null, null, null, path.isEmpty() ? "/" : path);
      }
      String group = legacy ? "" : parts.get(1);
      List<String> rest = parts.subList(legacy ? 2 : 3, parts.size());
      boolean watchPrefix = rest.get(0).equals("watch");
      if (watchPrefix) {
        rest = rest.subList(1, rest.size());
      }
      verb =
          watchPrefix
              ? "watch"
              : switch (method) {
                case "POST" -> "create";
                case "GET", "HEAD" -> "get";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> verb;
              };
      String namespace = null;
      if (!rest.isEmpty() && rest.get(0).equals("namespaces") && rest.size() > 1) {
        namespace = rest.get(1);
        if (rest.size() > 2 && !Set.of("status", "finalize").contains(rest.get(2))) {
          rest = rest.subList(2, rest.size());
        }
      }
      String resource = rest.get(0);
      String name = rest.size() >= 2 ? rest.get(1) : null;
      String subresource = rest.size() >= 3 ? rest.get(2) : null;
      Map<String, String> query = query(uri);
      if (name == null && (verb.equals("get") || verb.equals("watch"))) {
        boolean watch =
            watchPrefix || Set.of("true", "1").contains(query.getOrDefault("watch", ""));
        verb = watch ? "watch" : "list";
        name = exactName(query.get("fieldSelector"));
      }
      if (name == null && verb.equals("delete")) {
        verb = "deletecollection";
      }
      return new Request(verb, group, resource, subresource, namespace, name, null);
    }

    private static Map<String, String> query(URI uri) {
      Map<String, String> out = new java.util.HashMap<>();
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&")) {
          int eq = pair.indexOf('=');
          String key =
              URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          out.put(
              key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return out;
    }

    /**
     * A list or watch narrowed by {@code fieldSelector=metadata.name=X} is authorized as a request
     * for X.
     */
    private static String exactName(String fieldSelector) {
      if (fieldSelector == null) {
        return null;
      }
      for (String term : fieldSelector.split(",")) {
        for (String op : List.of("==", "=")) {
          if (term.startsWith("metadata.name" + op)) {
            return term.substring(("metadata.name" + op).length());
          }
        }
      }
      return null;
    }
  }

  /** The distinct requests recorded so far, each with the first path it was seen on. */
  public static Map<Request, String> recorded() {
    return Map.copyOf(SEEN);
  }

  /** True for a namespace a test used as the operator's own namespace (where the Lease lives). */
  public static boolean isOperatorNamespace(String namespace) {
    return namespace != null && OPERATOR_NAMESPACES.contains(namespace);
  }

  /** The test classes that ran with a {@link TestCluster} in this JVM. */
  public static Set<Class<?>> testClasses() {
    return Set.copyOf(CLASSES);
  }

  static void operatorNamespace(String namespace) {
    OPERATOR_NAMESPACES.add(namespace);
  }

  static void testClass(Class<?> type) {
    CLASSES.add(type);
  }

  static Interceptor recorder() {
    return new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
        SEEN.putIfAbsent(
            Request.of(request.method(), request.uri()),
            request.method()
                + " "
                + request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
      }
    };
  }
}

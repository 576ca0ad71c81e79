package booster.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One line per API failure, in kubectl's wording where kubectl has one; shared by the plugin's
 * commands and the operator's start-up check.
 */
public final class ApiErrors {
  private static final Map<Integer, String> REASONS =
      Map.of(
          400,
          "BadRequest",
          401,
          "Unauthorized",
          403,
          "Forbidden",
          404,
          "NotFound",
          409,
          "AlreadyExists",
          410,
          "Gone",
          422,
          "Invalid",
          429,
          "TooManyRequests",
          500,
          "InternalError",
          503,
          "ServiceUnavailable");

  /**
   * The ModelBooster resource type is not served (a LIST or a GET of the type's path answered a
   * bare 404), in kubectl's words, with the fix.
   */
  public static final String MISSING_BOOSTER_CRD =
      "the server doesn't have a resource type \""
          + "modelboosters.workload.serving.volcano.sh\" (the ModelBooster CRD is not installed; install it with "
          + "kubectl apply -f crds/modelboosters.workload.serving.volcano.sh.yaml)";

  private ApiErrors() {}

  public static String message(Throwable failure, String server) {
    if (failure instanceof KubernetesClientException e && e.getCode() > 0) {
      return fromServer(e);
    }
    Throwable cause = networkCause(failure);
    if (cause != null) {
      return "error: cannot reach the cluster at " + server + ": " + describe(cause, server);
    }
    if (failure instanceof KubernetesClientException) {
      return "error: cannot reach the cluster at "
          + server
          + ": "
          + describe(innermost(failure), server);
    }
    return "error: " + describe(failure, server);
  }

  private static String fromServer(KubernetesClientException e) {
    Status status = e.getStatus();
    String reason =
        status != null && status.getReason() != null && !status.getReason().isEmpty()
            ? status.getReason()
            : REASONS.getOrDefault(e.getCode(), "Code" + e.getCode());
    String message =
        status != null && status.getMessage() != null && !status.getMessage().isBlank()
            ? status.getMessage()
            : synthesized(e, reason);
    return "Error from server (" + reason + "): " + message;
  }

  /** The mock and some proxies answer without a Status body; say what we know from the request. */
  private static String synthesized(KubernetesClientException e, String reason) {
    String what = e.getFullResourceName() == null ? "request" : e.getFullResourceName();
    String named = e.getName() == null ? what : what + " \"" + e.getName() + "\"";
    String where = e.getNamespace() == null ? "" : " in the namespace \"" + e.getNamespace() + "\"";
    return switch (e.getCode()) {
      case 404 -> named + " not found";
      case 403 -> named + " is forbidden" + where;
      case 409 -> named + " already exists";
      default -> named + ": " + reason + " (HTTP " + e.getCode() + ")";
    };
  }

  /**
   * The network failure in the cause chain that says the most: a name that does not resolve (the
   * JDK client reports it as a ConnectException caused by UnresolvedAddressException), else the
   * outermost one, since a refused connection is a ConnectException caused by
   * ClosedChannelException and the innermost cause says nothing useful.
   */
  private static Throwable networkCause(Throwable t) {
    Throwable unresolved = find(t, ApiErrors::isUnresolved);
    return unresolved != null ? unresolved : find(t, ApiErrors::isNetwork);
  }

  private static Throwable find(Throwable t, java.util.function.Predicate<Throwable> test) {
    for (Throwable cause = t;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (test.test(cause)) {
        return cause;
      }
    }
    return null;
  }

  private static boolean isUnresolved(Throwable t) {
    return t instanceof UnknownHostException || t instanceof UnresolvedAddressException;
  }

  private static boolean isNetwork(Throwable t) {
    return t instanceof ConnectException || t instanceof NoRouteToHostException || isTimeout(t);
  }

  /**
   * The JDK client's HttpTimeoutException, SocketTimeoutException (an InterruptedIOException),
   * TimeoutException.
   */
  private static boolean isTimeout(Throwable t) {
    return t instanceof HttpTimeoutException
        || t instanceof InterruptedIOException
        || t instanceof TimeoutException;
  }

  private static Throwable innermost(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The host name of a server URL, or null when it is not one. */
  private static String host(String server) {
    try {
      return java.net.URI.create(server).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The kind of failure in Go's words, as kubectl prints them, and the detail the exception
   * carries.
   */
  private static String describe(Throwable t, String server) {
    String text = t.getMessage();
    if (isUnresolved(t) && (text == null || text.isBlank())) {
      text = host(server);
    }
    String kind =
        isUnresolved(t)
            ? "no such host"
            : t instanceof ConnectException
                ? "connection refused"
                : t instanceof NoRouteToHostException
                    ? "no route to host"
                    : isTimeout(t) ? "timed out" : t.getClass().getSimpleName();
    return text == null || text.isBlank() || text.equalsIgnoreCase(kind)
        ? kind
        : kind + " (" + text + ")";
  }
}

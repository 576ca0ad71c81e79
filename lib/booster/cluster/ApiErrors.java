package booster.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One line per API failure, in kubectl's wording where kubectl has one; shared by the plugin's commands and the
 * operator's start-up check.
 */
public final class ApiErrors {
  private static final Map<Integer, String> REASONS = Map.of(
      400, "BadRequest", 401, "Unauthorized", 403, "Forbidden", 404, "NotFound", 409, "AlreadyExists",
      410, "Gone", 422, "Invalid", 429, "TooManyRequests", 500, "InternalError", 503, "ServiceUnavailable");

  private ApiErrors() {
  }

  public static String message(Throwable failure, String server) {
    if (failure instanceof KubernetesClientException e && e.getCode() > 0) {
      return fromServer(e);
    }
    Throwable cause = networkCause(failure);
    if (cause != null) {
      return "error: cannot reach the cluster at " + server + ": " + describe(cause);
    }
    if (failure instanceof KubernetesClientException) {
      return "error: cannot reach the cluster at " + server + ": " + describe(innermost(failure));
    }
    return "error: " + describe(failure);
  }

  private static String fromServer(KubernetesClientException e) {
    Status status = e.getStatus();
    String reason = status != null && status.getReason() != null && !status.getReason().isEmpty()
        ? status.getReason() : REASONS.getOrDefault(e.getCode(), "Code" + e.getCode());
    String message = status != null && status.getMessage() != null && !status.getMessage().isBlank()
        ? status.getMessage() : synthesized(e, reason);
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
   * The outermost network failure in the cause chain: the JDK client wraps a refused connection as
   * ConnectException caused by ClosedChannelException, so the innermost cause says nothing useful.
   */
  private static Throwable networkCause(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (isNetwork(cause)) {
        return cause;
      }
    }
    return null;
  }

  private static boolean isNetwork(Throwable t) {
    return t instanceof ConnectException || t instanceof UnknownHostException || isTimeout(t);
  }

  /** The JDK client's HttpTimeoutException, SocketTimeoutException (an InterruptedIOException), TimeoutException. */
  private static boolean isTimeout(Throwable t) {
    return t instanceof HttpTimeoutException || t instanceof InterruptedIOException || t instanceof TimeoutException;
  }

  private static Throwable innermost(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable t) {
    String text = t.getMessage();
    String kind = t instanceof ConnectException ? "connection refused"
        : t instanceof UnknownHostException ? "unknown host"
        : isTimeout(t) ? "timed out"
        : t.getClass().getSimpleName();
    return text == null || text.isBlank() || text.equalsIgnoreCase(kind) ? kind : kind + " (" + text + ")";
  }
}

package booster.cli;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/** One line per failure, in kubectl's wording where kubectl has one. */
public final class ClusterErrors {
  private static final Map<Integer, String> REASONS = Map.of(
      400, "BadRequest", 401, "Unauthorized", 403, "Forbidden", 404, "NotFound", 409, "AlreadyExists",
      410, "Gone", 422, "Invalid", 429, "TooManyRequests", 500, "InternalError", 503, "ServiceUnavailable");

  private ClusterErrors() {
  }

  public static String message(Throwable failure, String server) {
    if (failure instanceof CliException) {
      return "error: " + failure.getMessage();
    }
    if (failure instanceof KubernetesClientException e && e.getCode() > 0) {
      return fromServer(e);
    }
    Throwable cause = rootCause(failure);
    if (failure instanceof KubernetesClientException || cause instanceof ConnectException
        || cause instanceof UnknownHostException || cause instanceof InterruptedIOException
        || cause instanceof HttpTimeoutException) {
      return "error: cannot reach the cluster at " + server + ": " + describe(cause);
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

  private static Throwable rootCause(Throwable t) {
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
        : t instanceof HttpTimeoutException || t instanceof InterruptedIOException ? "timed out"
        : t.getClass().getSimpleName();
    return text == null || text.isBlank() ? kind : kind + " (" + text + ")";
  }
}

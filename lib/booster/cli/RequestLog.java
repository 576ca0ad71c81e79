package booster.cli;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kubectl's {@code -v=N} for API requests, on stderr in klog's line format: from 6 each request's
 * verb, URL, status and time; from 7 its headers (credentials masked); from 8 the bodies (cut at 10
 * KiB, as kubectl truncates them).
 */
final class RequestLog implements Interceptor {
  static final int REQUESTS = 6;
  static final int HEADERS = 7;
  static final int BODIES = 8;
  private static final int BODY_LIMIT = 10 * 1024;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS");

  private final int level;
  private final PrintWriter err;
  private final Map<UUID, Long> started = new ConcurrentHashMap<>();

  RequestLog(int level, PrintWriter err) {
    this.level = level;
    this.err = err;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    started.put(request.id(), System.nanoTime());
    if (level >= HEADERS) {
      log(request.method() + " " + request.uri());
      request
          .headers()
          .forEach(
              (name, values) ->
                  log(
                      "Request Header: \""
                          + name
                          + ": "
                          + (name.equalsIgnoreCase("Authorization")
                              ? "<masked>"
                              : String.join(", ", values))
                          + "\""));
    }
    if (level >= BODIES && request.bodyString() != null && !request.bodyString().isEmpty()) {
      log("Request Body: " + cut(request.bodyString()));
    }
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    log(
        request.method()
            + " "
            + request.uri()
            + " "
            + response.code()
            + " "
            + reason(response.code())
            + " in "
            + millis(request)
            + " milliseconds");
    if (level >= HEADERS) {
      response
          .headers()
          .forEach(
              (name, values) ->
                  log("Response Header: \"" + name + ": " + String.join(", ", values) + "\""));
    }
  }

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(
      AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
    if (level < BODIES) {
      return consumer;
    }
    return (buffers, body) -> {
      StringBuilder text = new StringBuilder();
      for (ByteBuffer buffer : buffers) {
        text.append(StandardCharsets.UTF_8.decode(buffer.duplicate()));
      }
      log("Response Body: " + cut(text.toString()));
      consumer.consume(buffers, body);
    };
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    log(
        request.method()
            + " "
            + request.uri()
            + "  in "
            + millis(request)
            + " milliseconds ("
            + failure
            + ")");
  }

  private long millis(HttpRequest request) {
    Long start = started.remove(request.id());
    return start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
  }

  private static String cut(String body) {
    return body.length() <= BODY_LIMIT
        ? body
        : body.substring(0, BODY_LIMIT) + " [truncated " + (body.length() - BODY_LIMIT) + " chars]";
  }

  /** The reason phrase Go's net/http prints beside a status code. */
  private static String reason(int code) {
    return switch (code) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }

  private synchronized void log(String message) {
    err.println("I" + TIME.format(LocalDateTime.now()) + " " + message.replace('\n', ' '));
    err.flush();
  }
}

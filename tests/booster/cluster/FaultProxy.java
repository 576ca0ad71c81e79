package booster.cluster;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A small HTTP/1.1 proxy between an operator's client and the mock API server that injects the
 * faults of a real network and a busy API server, each request's fate drawn from a seeded random:
 * 500 and 503 answers, 429 with {@code Retry-After}, 409 on updates, connections reset before the
 * request reaches the server, replies lost after the server acted, delays, and watches (WebSocket
 * upgrades, as fabric8 makes them) dropped early. Leases are spared, so leader election fails only
 * where a test means it to. A test can also break watches for a while ({@link #watchOutage}). A
 * watch resumed after the proxy cut it is told its resourceVersion is gone (410), as a real API
 * server says when it cannot replay; the mock would resume it silently, missing what happened
 * meanwhile.
 */
public final class FaultProxy implements AutoCloseable {
  /**
   * The faults a request can get; watch drops apply to watches only, the others to plain requests.
   */
  public enum Fault {
    SERVER_ERROR,
    UNAVAILABLE,
    TOO_MANY_REQUESTS,
    CONFLICT,
    RESET,
    LOST_REPLY,
    DELAY,
    WATCH_DROP
  }

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** A server's WebSocket close frame: code 1001, going away. */
  private static final byte[] GOING_AWAY = {(byte) 0x88, 2, 0x03, (byte) 0xe9};

  private static final List<Fault> REQUEST_FAULTS =
      List.of(
          Fault.SERVER_ERROR,
          Fault.UNAVAILABLE,
          Fault.TOO_MANY_REQUESTS,
          Fault.CONFLICT,
          Fault.RESET,
          Fault.LOST_REPLY,
          Fault.DELAY);

  private final String upstreamHost;
  private final int upstreamPort;
  private final Random random;
  private final ServerSocket listener;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Map<Fault, Double> rates = new ConcurrentHashMap<>();
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger watches = new AtomicInteger();

  /** Each write request forwarded to the server: method and target. */
  private final List<String> writes = new CopyOnWriteArrayList<>();

  private final Map<Closeable, String> openWatches = new ConcurrentHashMap<>();

  /**
   * Watch paths whose stream the proxy cut: their next resumed watch is told its resourceVersion is
   * gone.
   */
  private final Set<String> cut = ConcurrentHashMap.newKeySet();

  private final AtomicInteger gone = new AtomicInteger();
  private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
  private volatile java.util.function.Predicate<String> watchOutage = path -> false;
  private volatile boolean closed;

  /**
   * A proxy in front of the test cluster's mock API server (on a real server the fault tests are
   * skipped).
   */
  public static FaultProxy of(TestCluster cluster, long seed) {
    Assumptions.assumeTrue(
        cluster.isMock(), "the fault-injecting proxy fronts the mock API server");
    return new FaultProxy(URI.create(cluster.client().getMasterUrl().toString()), seed);
  }

  public FaultProxy(URI upstream, long seed) {
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    this.random = new Random(seed);
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
    try {
      listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::accept);
  }

  /** The URL clients use instead of the API server's. */
  public String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /**
   * A client for an operator instance whose requests go through this proxy (and are recorded for
   * RbacTest).
   */
  public KubernetesClient client(TestCluster cluster) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(cluster.client().getConfiguration()).withMasterUrl(url()).build())
            .withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("booster-requests", ApiRequests.recorder()))
            .build();
    clients.add(client);
    return client;
  }

  /** Injects each fault with its probability from now on (an empty map turns faults off). */
  public FaultProxy faults(Map<Fault, Double> probabilities) {
    rates.clear();
    rates.putAll(probabilities);
    return this;
  }

  public FaultProxy off() {
    return faults(Map.of());
  }

  /**
   * A watch outage for the watches whose path matches: open ones break now, and new ones are
   * refused with 503 until it is over ({@code path -> false}). Lists and writes still pass, as when
   * only watch connections fail.
   */
  public void watchOutage(java.util.function.Predicate<String> paths) {
    watchOutage = paths;
    openWatches.forEach(
        (watch, path) -> {
          if (paths.test(path)) {
            cut.add(path);
            closeQuietly(watch);
          }
        });
  }

  /** Every watch. */
  public void watchOutage(boolean on) {
    watchOutage(path -> on);
  }

  /** Watches open through the proxy now. */
  public int openWatches() {
    return openWatches.size();
  }

  /**
   * Write requests forwarded to the server so far ({@code METHOD target}), faulted ones included.
   */
  public List<String> writesForwarded() {
    return List.copyOf(writes);
  }

  /** Each fault injected so far, in the printed figures' wording. */
  public Map<String, Integer> injected() {
    Map<String, Integer> out = new LinkedHashMap<>();
    injected.forEach(
        (f, n) -> out.put(f.name().toLowerCase(Locale.ROOT).replace('_', '-'), n.get()));
    return out;
  }

  public String summary() {
    return requests.get()
        + " requests ("
        + watches.get()
        + " watches, "
        + gone.get()
        + " resumed after a cut and "
        + "told 410 Gone), faults "
        + injected().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }

  @Override
  public void close() {
    closed = true;
    clients.forEach(KubernetesClient::close);
    closeQuietly(listener);
    openWatches.keySet().forEach(FaultProxy::closeQuietly);
    threads.shutdownNow();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  /**
   * One client connection, paired with one upstream connection, request after request (keep-alive).
   */
  private void serve(Socket client) {
    try (client;
        Socket upstream = new Socket(upstreamHost, upstreamPort)) {
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      OutputStream toClient = client.getOutputStream();
      InputStream fromServer = new BufferedInputStream(upstream.getInputStream());
      OutputStream toServer = upstream.getOutputStream();
      while (!closed) {
        Message request = Message.read(fromClient, true, null);
        if (request == null) {
          return;
        }
        requests.incrementAndGet();
        boolean watch = request.isUpgrade();
        Fault fault = watch ? null : requestFault(request);
        if (watch) {
          watches.incrementAndGet();
          String path = request.path();
          if (watchOutage.test(path)) {
            answer(toClient, 503, "ServiceUnavailable", "watch outage", false);
            return;
          }
          if (request.target().contains("resourceVersion=") && cut.remove(path)) {
            gone.incrementAndGet();
            expired(request, toClient);
            return;
          }
          fault = chance(Fault.WATCH_DROP) ? Fault.WATCH_DROP : null;
        }
        if (fault != null && injectBeforeForwarding(fault, client, toClient, request)) {
          if (fault == Fault.RESET) {
            return;
          }
          continue;
        }
        if (WRITES.contains(request.method())) {
          writes.add(request.method() + " " + request.target());
        }
        request.writeTo(toServer);
        Message response = Message.read(fromServer, false, request.method());
        if (response == null) {
          return;
        }
        if (fault == Fault.LOST_REPLY) {
          reset(client);
          return;
        }
        if (response.status() == 101) {
          response.writeTo(toClient);
          pipe(
              request.path(),
              client,
              upstream,
              fromClient,
              toClient,
              fromServer,
              toServer,
              fault == Fault.WATCH_DROP);
          return;
        }
        response.writeTo(toClient);
        if (!request.keepAlive() || !response.keepAlive()) {
          return;
        }
      }
    } catch (IOException e) {
      // a connection ended; the client sees it as the network would show it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Counts the fault and acts on what happens before the request is forwarded: an answer in place
   * of the server's (true), a reset (true; the connection is gone), a delay (false: forward after
   * it); the rest act later.
   */
  private boolean injectBeforeForwarding(
      Fault fault, Socket client, OutputStream toClient, Message request)
      throws IOException, InterruptedException {
    injected.get(fault).incrementAndGet();
    switch (fault) {
      case SERVER_ERROR ->
          answer(toClient, 500, "InternalError", "injected server error", request.keepAlive());
      case UNAVAILABLE ->
          answer(
              toClient, 503, "ServiceUnavailable", "injected unavailability", request.keepAlive());
      case TOO_MANY_REQUESTS ->
          answer(toClient, 429, "TooManyRequests", "injected throttling", request.keepAlive());
      case CONFLICT ->
          answer(
              toClient,
              409,
              "Conflict",
              "injected conflict: the object has been modified",
              request.keepAlive());
      case RESET -> reset(client);
      case DELAY -> {
        Thread.sleep(50 + draw(450));
        return false;
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The fault a plain request gets, if any: each applicable fault in turn, with its probability.
   */
  private Fault requestFault(Message request) {
    if (request.target().contains("/leases")) {
      return null;
    }
    for (Fault f : REQUEST_FAULTS) {
      boolean applies =
          switch (f) {
            case CONFLICT -> "PUT".equals(request.method());
            case LOST_REPLY -> WRITES.contains(request.method());
            default -> true;
          };
      if (applies && chance(f)) {
        return f;
      }
    }
    return null;
  }

  private boolean chance(Fault fault) {
    double p = rates.getOrDefault(fault, 0.0);
    synchronized (random) {
      return p > 0 && random.nextDouble() < p;
    }
  }

  private int draw(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  /**
   * An upgraded connection (a watch): frames both ways until either end closes. Ending it early (a
   * drop, an outage) is done as an API server ends a watch: a close frame (1001, going away)
   * between two events, then the connection; a bare TCP close can leave the client's WebSocket
   * waiting for a close it never gets.
   */
  private void pipe(
      String path,
      Socket client,
      Socket upstream,
      InputStream fromClient,
      OutputStream toClient,
      InputStream fromServer,
      OutputStream toServer,
      boolean dropEarly) {
    Closeable both =
        () -> {
          closeQuietly(client);
          closeQuietly(upstream);
        };
    Closeable end =
        () -> {
          synchronized (toClient) {
            try {
              toClient.write(GOING_AWAY);
              toClient.flush();
            } catch (IOException e) {
              // the client is gone already
            }
          }
          both.close();
        };
    openWatches.put(end, path);
    if (watchOutage.test(path)) {
      // the outage began while this watch was being set up
      cut.add(path);
      closeQuietly(end);
    }
    try {
      if (dropEarly) {
        long after = 200 + draw(2800);
        threads.execute(
            () -> {
              try {
                Thread.sleep(after);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cut.add(path);
              closeQuietly(end);
            });
      }
      threads.execute(() -> copy(fromClient, toServer, both));
      frames(fromServer, toClient, both);
    } finally {
      openWatches.remove(end);
    }
  }

  private static void copy(InputStream in, OutputStream out, Closeable both) {
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away
    } finally {
      closeQuietly(both);
    }
  }

  /**
   * Server to client, one whole WebSocket frame at a time, so that a close frame can go between
   * two.
   */
  private static void frames(InputStream in, OutputStream out, Closeable both) {
    try {
      for (int first = in.read(); first >= 0; first = in.read()) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int second = in.read();
        frame.write(first);
        frame.write(second);
        long length = second & 0x7f;
        if (length >= 126) {
          byte[] extended = in.readNBytes(length == 126 ? 2 : 8);
          frame.write(extended);
          length = new java.math.BigInteger(1, extended).longValueExact();
        }
        int rest = ((second & 0x80) != 0 ? 4 : 0) + Math.toIntExact(length);
        byte[] payload = in.readNBytes(rest);
        if (second < 0 || payload.length < rest) {
          return;
        }
        frame.write(payload);
        synchronized (out) {
          out.write(frame.toByteArray());
          out.flush();
        }
      }
    } catch (IOException | ArithmeticException e) {
      // one side went away
    } finally {
      closeQuietly(both);
    }
  }

  /**
   * What an API server answers a watch resumed from a resourceVersion it can no longer replay: the
   * WebSocket handshake, one ERROR event with a 410 Status ("too old resource version"), and a
   * close. The mock server resumes watches without replaying what happened meanwhile, so after a
   * cut it could not answer honestly itself.
   */
  private static void expired(Message request, OutputStream toClient) throws IOException {
    String accept;
    try {
      accept =
          java.util.Base64.getEncoder()
              .encodeToString(
                  java.security.MessageDigest.getInstance("SHA-1")
                      .digest(
                          (request.header("sec-websocket-key")
                                  + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                              .getBytes(StandardCharsets.ISO_8859_1)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String protocol = request.header("sec-websocket-protocol");
    toClient.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n"
                + (protocol == null
                    ? ""
                    : "Sec-WebSocket-Protocol: " + protocol.split(",")[0].trim() + "\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    byte[] event =
        ("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}}")
            .getBytes(StandardCharsets.UTF_8);
    toClient.write(0x81);
    if (event.length < 126) {
      toClient.write(event.length);
    } else {
      toClient.write(126);
      toClient.write(event.length >> 8);
      toClient.write(event.length & 0xff);
    }
    toClient.write(event);
    toClient.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8});
    toClient.flush();
  }

  /** Closes with a TCP reset, as a dropped connection looks to the client. */
  private static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private static void answer(
      OutputStream out, int code, String reason, String message, boolean keepAlive)
      throws IOException {
    byte[] body =
        ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message
                + "\",\"reason\":\""
                + reason
                + "\",\"code\":"
                + code
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + code
            + " "
            + reason
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n"
            + (code == 429 ? "Retry-After: 1\r\n" : "")
            + (keepAlive ? "" : "Connection: close\r\n")
            + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /**
   * One HTTP/1.1 request or response: its head as sent (an h2c upgrade offer removed, a WebSocket
   * upgrade kept) and its body, read whole (Content-Length, chunked, or until the connection
   * closes).
   */
  private record Message(String startLine, List<String> headers, byte[] body) {
    static Message read(InputStream in, boolean request, String requestMethod) throws IOException {
      String startLine = line(in);
      if (startLine == null) {
        return null;
      }
      List<String> headers = new ArrayList<>();
      for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
        headers.add(h);
      }
      Message head = new Message(startLine, headers, new byte[0]);
      if (request && !head.isUpgrade()) {
        // the JDK client offers HTTP/2 on plain http; keep the exchange in HTTP/1.1 so each request
        // is seen
        headers.removeIf(h -> name(h).equals("upgrade") || name(h).equals("http2-settings"));
        headers.replaceAll(h -> name(h).equals("connection") ? "Connection: keep-alive" : h);
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String length = head.header("content-length");
      boolean chunked = "chunked".equalsIgnoreCase(head.header("transfer-encoding"));
      int status = request ? 0 : head.status();
      boolean bodiless =
          !request
              && (status == 101 || status == 204 || status == 304 || "HEAD".equals(requestMethod));
      if (chunked && !bodiless) {
        for (String size = line(in); ; size = line(in)) {
          if (size == null) {
            throw new EOFException("chunked body cut short");
          }
          body.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          int n = Integer.parseInt(size.split(";")[0].trim(), 16);
          if (n == 0) {
            for (String trailer = line(in); trailer != null; trailer = line(in)) {
              body.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
              if (trailer.isEmpty()) {
                break;
              }
            }
            break;
          }
          body.write(in.readNBytes(n + 2));
        }
      } else if (length != null && !bodiless) {
        body.write(in.readNBytes(Integer.parseInt(length.trim())));
      } else if (!request && !bodiless) {
        body.write(in.readAllBytes());
      }
      return new Message(startLine, headers, body.toByteArray());
    }

    String method() {
      return startLine.split(" ")[0];
    }

    String target() {
      return startLine.split(" ")[1];
    }

    /**
     * The target without its query: one informer's watch, whatever resourceVersion it resumes from.
     */
    String path() {
      return target().split("\\?")[0];
    }

    int status() {
      return Integer.parseInt(startLine.split(" ")[1]);
    }

    boolean isUpgrade() {
      return "websocket".equalsIgnoreCase(header("upgrade"));
    }

    boolean keepAlive() {
      return !"close".equalsIgnoreCase(header("connection"));
    }

    String header(String name) {
      for (String h : headers) {
        if (name(h).equals(name)) {
          return h.substring(h.indexOf(':') + 1).trim();
        }
      }
      return null;
    }

    void writeTo(OutputStream out) throws IOException {
      StringBuilder head = new StringBuilder(startLine).append("\r\n");
      headers.forEach(h -> head.append(h).append("\r\n"));
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    }

    private static String name(String header) {
      int colon = header.indexOf(':');
      return (colon < 0 ? header : header.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); ; b = in.read()) {
        if (b < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
        if (b == '\n') {
          String text = line.toString(StandardCharsets.ISO_8859_1);
          return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
        line.write(b);
      }
    }
  }
}

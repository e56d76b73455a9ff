package io.groupguard.embedded;

import com.sun.net.httpserver.HttpServer;
import io.groupguard.serde.registry.RegistryHttpHandler;
import io.groupguard.serde.registry.SchemaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory, Confluent-compatible Schema Registry served over HTTP from this process, for the
 * local demo stack and tests. State is lost on close.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  private static final int HANDLER_THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String url;
  private final InetSocketAddress address;
  private final SchemaStore store;
  private final String basicAuthUserInfo;

  private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, String url, InetSocketAddress address,
      SchemaStore store, String basicAuthUserInfo) {
    this.server = server;
    this.executor = executor;
    this.url = url;
    this.address = address;
    this.store = store;
    this.basicAuthUserInfo = basicAuthUserInfo;
  }

  /** Starts a registry open to anonymous clients; {@code port} 0 picks a free port. */
  public static EmbeddedSchemaRegistry start(String host, int port) {
    return start(host, port, null);
  }

  /**
   * Starts a registry that requires HTTP basic auth with {@code basicAuthUserInfo} ({@code
   * user:password}; null for none) and answers 401 otherwise; {@code port} 0 picks a free port.
   */
  public static EmbeddedSchemaRegistry start(String host, int port, String basicAuthUserInfo) {
    return start(host, port, basicAuthUserInfo, new SchemaStore());
  }

  /**
   * After {@link #close()}: a registry on the same address serving the same schemas, as a registry that
   * comes back after an outage.
   */
  public EmbeddedSchemaRegistry startAgain() {
    return start(address.getHostString(), address.getPort(), basicAuthUserInfo, store);
  }

  private static EmbeddedSchemaRegistry start(String host, int port, String basicAuthUserInfo, SchemaStore store) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start the embedded schema registry on " + host + ":" + port, e);
    }
    server.createContext("/", new RegistryHttpHandler(store, basicAuthUserInfo));
    ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads());
    server.setExecutor(executor);
    server.start();
    InetSocketAddress bound = server.getAddress();
    InetAddress address = bound.getAddress();
    String urlHost = address.isAnyLocalAddress() ? "localhost" : host;
    return new EmbeddedSchemaRegistry(
        server, executor, "http://" + urlHost + ":" + bound.getPort(), bound, store, basicAuthUserInfo);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "schema-registry-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Base URL clients use, e.g. {@code http://localhost:8081}. */
  public String url() {
    return url;
  }

  /** The port the registry listens on (the chosen one when started with port 0). */
  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package io.groupguard.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.groupguard.avro.ModerationRule;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.config.StreamsProperties;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.TenantRuleSetCache;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What a platform team operates GroupGuard with: Prometheus metrics (Kafka Streams', the JVM's
 * and GroupGuard's own), liveness and readiness, and interactive queries, over one small JDK
 * HTTP server. Create it before the KafkaStreams (the bound port is part of the Streams
 * configuration), {@link #attach} it before {@code start()}, close it after the streams.
 *
 * <p>The endpoints never print configuration, so no secret can leak through them.
 */
public final class OpsServer implements AutoCloseable {

  /** Content type of Prometheus' text exposition format 0.0.4. */
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final int HTTP_THREADS = 4;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final GroupGuardMetrics metrics = new GroupGuardMetrics(registry);
  private final StreamsHealth health = new StreamsHealth();
  private final HttpServer http;
  private final HostInfo advertised;
  private ExecutorService httpThreads;
  private KafkaMeters kafkaMeters;
  private JvmGcMetrics gcMetrics;

  private OpsServer(HttpServer http, HostInfo advertised) {
    this.http = http;
    this.advertised = advertised;
  }

  /** Binds the HTTP server (when {@code http.enabled}); it serves once {@link #attach} ran. */
  public static OpsServer create(GroupGuardConfig config) {
    if (!config.getBoolean(GroupGuardConfig.HTTP_ENABLED)) {
      return new OpsServer(null, null);
    }
    String host = config.getString(GroupGuardConfig.HTTP_HOST);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, config.getInt(GroupGuardConfig.HTTP_PORT)), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the HTTP server to " + host + ":"
          + config.getInt(GroupGuardConfig.HTTP_PORT) + " (" + GroupGuardConfig.HTTP_PORT + "): " + e.getMessage(), e);
    }
    return new OpsServer(http, new HostInfo(advertisedHost(config), http.getAddress().getPort()));
  }

  public GroupGuardMetrics metrics() {
    return metrics;
  }

  /** Streams settings, with this server as {@code application.server} so other instances can route queries here. */
  public Properties streamsProperties(GroupGuardConfig config) {
    Properties props = StreamsProperties.from(config, metrics);
    if (advertised != null) {
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, KeyQueryHandler.instance(advertised));
    }
    return props;
  }

  /** Base URL other instances and operators reach this instance at, when HTTP is enabled. */
  public Optional<URI> url() {
    return Optional.ofNullable(advertised).map(host -> URI.create("http://" + KeyQueryHandler.instance(host)));
  }

  /** Listens to the streams' state and restorations, binds its metrics, and starts serving. Call before {@code start()}. */
  public void attach(KafkaStreams streams, TenantRuleSetCache ruleSets) {
    kafkaMeters = KafkaMeters.of(streams);
    kafkaMeters.bindTo(registry);
    streams.setStateListener((newState, oldState) -> {
      health.onChange(newState, oldState);
      if (newState == KafkaStreams.State.RUNNING) {
        kafkaMeters.refreshSoon(); // the tasks and their metrics exist now
      }
    });
    streams.setGlobalStateRestoreListener(health);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new StreamsGauges(streams).bindTo(registry);
    if (http != null) {
      serve(streams, ruleSets);
    }
  }

  private void serve(KafkaStreams streams, TenantRuleSetCache ruleSets) {
    String self = KeyQueryHandler.instance(advertised);
    HttpHandler queries = new KeyQueryHandler(QueryableViews.all(), new StreamsStoreDirectory(streams), advertised,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    HttpHandler groupRules = new GroupRulesHandler(tenant -> ruleSets.rulesOf(tenant, rulesInForce(streams)), self);
    Map<String, HttpHandler> routes = new LinkedHashMap<>();
    routes.put("/health", exchange -> answerProbe(exchange, health.live()));
    routes.put("/ready", exchange -> answerProbe(exchange, health.ready()));
    routes.put("/metrics", exchange -> JsonResponses.send(exchange, 200, PROMETHEUS_CONTENT_TYPE,
        JsonResponses.utf8(registry.scrape())));
    routes.put("/groups/", exchange -> (GroupRulesHandler.matches(exchange.getRequestURI().getRawPath())
        ? groupRules : queries).handle(exchange));
    routes.put("/members/", queries);
    routes.forEach((path, handler) -> http.createContext(path, path.endsWith("/") ? handler : exactly(path, handler)));
    httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
    http.setExecutor(httpThreads);
    http.start();
  }

  private void answerProbe(HttpExchange exchange, boolean ok) throws IOException {
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", ok ? "UP" : "DOWN");
      body.put("state", health.state().name());
      body.put("restorationsInProgress", health.restorationsInProgress());
      JsonResponses.send(exchange, ok ? 200 : 503, body);
    } finally {
      exchange.close();
    }
  }

  /** The JDK server matches contexts by prefix; probes and metrics answer their exact path only. */
  private static HttpHandler exactly(String path, HttpHandler handler) {
    return exchange -> {
      if (exchange.getRequestURI().getPath().equals(path)) {
        handler.handle(exchange);
      } else {
        try {
          JsonResponses.error(exchange, 404, "no such resource: " + exchange.getRequestURI().getPath());
        } finally {
          exchange.close();
        }
      }
    };
  }

  private static ReadOnlyKeyValueStore<String, ModerationRule> rulesInForce(KafkaStreams streams) {
    return streams.store(StoreQueryParameters.fromNameAndType(GroupGuardTopology.RULES_IN_FORCE_STORE,
        QueryableStoreTypes.keyValueStore()));
  }

  /** {@code http.advertised.host}, else {@code http.host}, else (wildcard) this machine's host name. */
  static String advertisedHost(GroupGuardConfig config) {
    String advertisedHost = config.getString(GroupGuardConfig.HTTP_ADVERTISED_HOST);
    if (!advertisedHost.isBlank()) {
      return advertisedHost;
    }
    String host = config.getString(GroupGuardConfig.HTTP_HOST);
    InetSocketAddress bound = new InetSocketAddress(host, 0);
    if (bound.isUnresolved() || !bound.getAddress().isAnyLocalAddress()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new ConfigException(GroupGuardConfig.HTTP_ADVERTISED_HOST, advertisedHost,
          "must be set: http.host is a wildcard address and this machine's host name cannot be resolved");
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "groupguard-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    if (http != null) {
      http.stop(0);
      if (httpThreads != null) {
        httpThreads.shutdownNow();
      }
    }
    if (kafkaMeters != null) {
      kafkaMeters.close();
    }
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }
}

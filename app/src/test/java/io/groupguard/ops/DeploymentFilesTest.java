package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.serde.SchemaRegistryClient;
import io.groupguard.topology.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the container, compose, Kubernetes, Prometheus and Grafana files against each other
 * and against the code: settings exist, services and resources refer to each other correctly,
 * topics match the configuration, dashboards and alerts use metrics the application exports.
 */
class DeploymentFilesTest {

  private static final DeploymentFiles FILES = DeploymentFiles.locate();

  private static final String COMPOSE = "docker-compose.yml";
  private static final String COMPOSE_APP = "groupguard";
  private static final String IMAGE_PROPERTIES = "deploy/groupguard.properties";
  private static final String TOPICS_TABLE = "deploy/kafka/topics.txt";
  private static final String ALERTS = "deploy/prometheus/alerts.yml";
  private static final String DASHBOARD = "deploy/grafana/dashboards/groupguard.json";
  private static final String K8S_APP = "deploy/k8s/app/";
  private static final String K8S_PROPERTIES = K8S_APP + "groupguard.properties";
  private static final String STATEFUL_SET = K8S_APP + "statefulset.yaml";
  private static final String TOPICS = "deploy/k8s/topics.yaml";
  private static final String MONITORING = "deploy/k8s/monitoring.yaml";

  /**
   * Settings the deployment files already use that are being added to GroupGuardConfig on other
   * branches (HTTP endpoint, interactive-query address, RocksDB memory bound). Remove each once
   * GroupGuardConfig defines it.
   */
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");

  @Test
  void everyYamlAndJsonFileParses() {
    List<Path> files = FILES.yamlAndJsonFiles();

    assertThat(files).extracting(file -> file.getFileName().toString())
        .contains("docker-compose.yml", "prometheus.yml", "alerts.yml", "groupguard.json", "statefulset.yaml",
            "topics.yaml", "monitoring.yaml", "kustomization.yaml");
    files.forEach(file -> assertThat(FILES.documents(file)).as("documents in %s", file).isNotEmpty());
  }

  @Test
  void composeServicesVolumesAndEndpointsReferToEachOther() {
    JsonNode services = FILES.document(COMPOSE).path("services");
    Set<String> serviceNames = fieldNames(services);
    Set<String> namedVolumes = fieldNames(FILES.document(COMPOSE).path("volumes"));

    services.fields().forEachRemaining(service -> {
      JsonNode dependsOn = service.getValue().path("depends_on");
      Set<String> dependencies = dependsOn.isArray() ? textValues(dependsOn) : fieldNames(dependsOn);
      assertThat(serviceNames).as("depends_on of %s", service.getKey()).containsAll(dependencies);
      service.getValue().path("volumes").forEach(volume -> {
        String source = volume.asText().split(":")[0];
        if (source.startsWith("./")) {
          assertThat(FILES.resolve(source)).as("bind mount of %s", service.getKey()).exists();
        } else {
          assertThat(namedVolumes).as("volumes of %s", service.getKey()).contains(source);
        }
      });
    });

    URI scraped = URI.create("http://" + FILES.document("deploy/prometheus/prometheus.yml")
        .at("/scrape_configs/0/static_configs/0/targets/0").asText());
    assertThat(scraped.getHost()).isEqualTo(COMPOSE_APP);
    assertThat(String.valueOf(scraped.getPort())).isEqualTo(composeEnvironment(COMPOSE_APP).get("GROUPGUARD_HTTP_PORT"));

    URI datasource = URI.create(FILES.document("deploy/grafana/provisioning/datasources/prometheus.yml")
        .at("/datasources/0/url").asText());
    assertThat(services.has(datasource.getHost())).as("Grafana datasource host is a service").isTrue();
    assertThat(textValues(services.path(datasource.getHost()).path("ports")))
        .contains(datasource.getPort() + ":" + datasource.getPort());

    String dashboardsDir = FILES.document("deploy/grafana/provisioning/dashboards/groupguard.yml")
        .at("/providers/0/options/path").asText();
    assertThat(textValues(services.path("grafana").path("volumes")))
        .contains("./deploy/grafana/dashboards:" + dashboardsDir + ":ro");
  }

  @Test
  void everySettingInTheDeploymentFilesIsARealSetting() {
    Map<String, String> settingsBySource = new LinkedHashMap<>();
    composeEnvironment(COMPOSE_APP).keySet().forEach(name -> settingsBySource.put(COMPOSE + " " + name, name));
    statefulSetEnvironment().keySet().forEach(name -> settingsBySource.put(STATEFUL_SET + " " + name, name));
    fieldNames(FILES.document(K8S_APP + "secret-example.yaml").path("stringData"))
        .forEach(name -> settingsBySource.put("secret-example.yaml " + name, name));

    Set<String> unknown = new TreeSet<>();
    settingsBySource.forEach((source, name) -> {
      if (name.startsWith(GroupGuardConfig.ENV_PREFIX) && !isSetting(settingKey(name))) {
        unknown.add(source);
      }
    });
    for (String file : List.of(IMAGE_PROPERTIES, K8S_PROPERTIES)) {
      FILES.properties(file).stringPropertyNames().stream()
          .filter(key -> !isSetting(key))
          .forEach(key -> unknown.add(file + " " + key));
    }

    assertThat(settingsBySource).isNotEmpty();
    assertThat(unknown).as("settings GroupGuardConfig (or the Kafka clients, for kafka.*) do not know").isEmpty();
  }

  @Test
  void composeAndKubernetesConfigurationsAreValidAndKeepStateOnTheVolume() {
    Path imageDefaults = FILES.resolve(IMAGE_PROPERTIES);
    GroupGuardConfig compose = GroupGuardConfig.load(imageDefaults, composeEnvironment(COMPOSE_APP), Map.of());
    GroupGuardConfig kubernetes = GroupGuardConfig.load(FILES.resolve(K8S_PROPERTIES), statefulSetEnvironment(), Map.of());

    String composeStateVolume = textValues(FILES.document(COMPOSE).at("/services/" + COMPOSE_APP + "/volumes")).stream()
        .filter(volume -> volume.startsWith("groupguard-state:")).findFirst().orElseThrow().split(":")[1];
    assertThat(compose.getString(GroupGuardConfig.STATE_DIR)).isEqualTo(composeStateVolume);
    assertThat(kubernetes.getString(GroupGuardConfig.STATE_DIR)).isEqualTo(mountPath(container(), "state"));
    // Topics are owned by the topic-creation service and by Strimzi, not by the application.
    assertThat(compose.getBoolean(GroupGuardConfig.TOPICS_CREATE)).isFalse();
    assertThat(kubernetes.getBoolean(GroupGuardConfig.TOPICS_CREATE)).isFalse();
    // The image's default config file must load on its own: `docker run` without any environment.
    assertThatCode(() -> GroupGuardConfig.load(imageDefaults, Map.of(), Map.of())).doesNotThrowAnyException();
  }

  @Test
  void dashboardAndAlertsUseOnlyMetricsTheApplicationExports(@TempDir Path stateDir) {
    Set<String> known = new TreeSet<>(KnownMetrics.domain());
    known.addAll(KnownMetrics.fromBinders(stateDir));
    known.addAll(KnownMetrics.INFRASTRUCTURE);
    Map<String, List<String>> expressionsByFile = Map.of(
        DASHBOARD, dashboardExpressions(),
        ALERTS, ruleExpressions(FILES.document(ALERTS).path("groups")),
        MONITORING, ruleExpressions(FILES.resource(MONITORING, "PrometheusRule").at("/spec/groups")));

    expressionsByFile.forEach((file, expressions) -> {
      assertThat(expressions).as("expressions in %s", file).isNotEmpty();
      expressions.forEach(expression -> assertThat(known)
          .as("metrics of %s in %s", expression, file)
          .containsAll(PromQl.metricNames(expression)));
    });
    Set<String> onDashboard = dashboardExpressions().stream()
        .flatMap(expression -> PromQl.metricNames(expression).stream()).collect(Collectors.toSet());
    Set<String> families = new TreeSet<>(KnownMetrics.COUNTERS);
    families.addAll(KnownMetrics.HISTOGRAMS);
    families.addAll(KnownMetrics.GAUGES);
    families.forEach(family -> assertThat(onDashboard).as("dashboard shows %s", family)
        .anyMatch(name -> name.startsWith(family)));
  }

  @Test
  void prometheusRuleCarriesTheComposeAlertRulesUnchanged() {
    JsonNode composeGroup = FILES.document(ALERTS).at("/groups/0");
    JsonNode kubernetesGroups = FILES.resource(MONITORING, "PrometheusRule").at("/spec/groups");

    List<JsonNode> sameName = new ArrayList<>();
    kubernetesGroups.forEach(group -> {
      if (group.path("name").equals(composeGroup.path("name"))) {
        sameName.add(group);
      }
    });
    assertThat(sameName).containsExactly(composeGroup);
  }

  @Test
  void topicDefinitionsAgreeAndCoverEveryConfiguredTopic() {
    Map<String, String> composeTopics = new TreeMap<>();
    FILES.table(TOPICS_TABLE).forEach(columns -> composeTopics.put(columns[0], columns[1]));
    Map<String, String> strimziTopics = new TreeMap<>();
    Set<Integer> partitionCounts = new TreeSet<>();
    FILES.resources(TOPICS, "KafkaTopic").forEach(topic -> {
      String name = topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
      strimziTopics.put(name, topic.at("/spec/config").path(TopicConfig.CLEANUP_POLICY_CONFIG).asText());
      partitionCounts.add(topic.at("/spec/partitions").asInt());
    });

    assertThat(strimziTopics).isEqualTo(composeTopics);
    // Inputs keyed alike (messages, member events) are co-partitioned: equal partition counts.
    assertThat(partitionCounts).hasSize(1);
    GroupGuardConfig defaults = new GroupGuardConfig(Map.of());
    GroupGuardConfig.DEFINITION.names().stream()
        .filter(key -> key.startsWith("topic."))
        .forEach(key -> assertThat(strimziTopics).as("topic of %s", key).containsKey(defaults.getString(key)));
    for (NewTopic topic : Topics.from(defaults, new UnusedSchemaRegistry()).newTopics(1, (short) 1)) {
      String policy = topic.configs() == null ? TopicConfig.CLEANUP_POLICY_DELETE
          : topic.configs().getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
      assertThat(strimziTopics).as("cleanup.policy of %s", topic.name()).containsEntry(topic.name(), policy);
    }
  }

  @Test
  void kubernetesResourcesReferToEachOther() {
    JsonNode statefulSet = FILES.resource(STATEFUL_SET, "StatefulSet");
    JsonNode service = FILES.resource(K8S_APP + "service.yaml", "Service");
    JsonNode podLabels = statefulSet.at("/spec/template/metadata/labels");
    JsonNode container = container();

    assertThat(statefulSet.at("/spec/serviceName").asText()).isEqualTo(service.at("/metadata/name").asText());
    assertThat(service.at("/spec/clusterIP").asText()).isEqualTo("None");
    for (JsonNode selector : List.of(statefulSet.at("/spec/selector/matchLabels"), service.at("/spec/selector"),
        FILES.resource(K8S_APP + "pdb.yaml", "PodDisruptionBudget").at("/spec/selector/matchLabels"),
        FILES.resource(MONITORING, "PodMonitor").at("/spec/selector/matchLabels"))) {
      selector.fields().forEachRemaining(label ->
          assertThat(podLabels.path(label.getKey())).as("pod label %s", label.getKey()).isEqualTo(label.getValue()));
    }

    Set<String> portNames = new TreeSet<>();
    container.path("ports").forEach(port -> portNames.add(port.path("name").asText()));
    assertThat(portNames).contains(
        FILES.resource(MONITORING, "PodMonitor").at("/spec/podMetricsEndpoints/0/port").asText(),
        container.at("/livenessProbe/httpGet/port").asText(),
        container.at("/readinessProbe/httpGet/port").asText(),
        container.at("/startupProbe/httpGet/port").asText());
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");

    Map<String, String> env = statefulSetEnvironment();
    // The advertised host must be the pod's name under the headless service, so peers can route queries.
    assertThat(env.get("GROUPGUARD_HTTP_ADVERTISED_HOST"))
        .startsWith("$(POD_NAME).")
        .contains("." + service.at("/metadata/name").asText() + ".");
    List<String> defined = new ArrayList<>();
    container.path("env").forEach(variable -> {
      Matcher references = ENV_REFERENCE.matcher(variable.path("value").asText());
      while (references.find()) {
        assertThat(defined).as("$(%s) in %s is defined before", references.group(1), variable.path("name").asText())
            .contains(references.group(1));
      }
      defined.add(variable.path("name").asText());
    });

    Set<String> volumes = new TreeSet<>();
    statefulSet.at("/spec/template/spec/volumes").forEach(volume -> volumes.add(volume.path("name").asText()));
    statefulSet.at("/spec/volumeClaimTemplates").forEach(claim -> volumes.add(claim.at("/metadata/name").asText()));
    container.path("volumeMounts").forEach(mount -> assertThat(volumes).contains(mount.path("name").asText()));
    JsonNode kustomization = FILES.document(K8S_APP + "kustomization.yaml");
    assertThat(statefulSet.at("/spec/template/spec/volumes").findValuesAsText("name"))
        .contains(kustomization.at("/configMapGenerator/0/name").asText());
    assertThat(container.at("/envFrom/0/secretRef/name").asText())
        .isEqualTo(FILES.document(K8S_APP + "secret-example.yaml").at("/metadata/name").asText());
  }

  @Test
  void kustomizationsListExistingFiles() {
    for (String kustomization : List.of("deploy/k8s/kustomization.yaml", K8S_APP + "kustomization.yaml")) {
      Path dir = FILES.resolve(kustomization).getParent();
      JsonNode document = FILES.document(kustomization);
      textValues(document.path("resources")).forEach(resource ->
          assertThat(dir.resolve(resource)).as("resource of %s", kustomization).exists());
      document.path("configMapGenerator").forEach(generator -> textValues(generator.path("files")).forEach(file ->
          assertThat(Files.isRegularFile(dir.resolve(file))).as("%s of %s", file, kustomization).isTrue()));
    }
  }

  /** {@code GROUPGUARD_TOPIC_MESSAGES} -> {@code topic.messages}, as GroupGuardConfig reads the environment. */
  private static String settingKey(String environmentName) {
    return environmentName.substring(GroupGuardConfig.ENV_PREFIX.length()).toLowerCase().replace('_', '.');
  }

  private static boolean isSetting(String key) {
    if (key.startsWith(GroupGuardConfig.KAFKA_PREFIX)) {
      String clientKey = key.substring(GroupGuardConfig.KAFKA_PREFIX.length());
      return StreamsConfig.configDef().names().contains(clientKey) || ConsumerConfig.configNames().contains(clientKey)
          || ProducerConfig.configNames().contains(clientKey) || AdminClientConfig.configNames().contains(clientKey);
    }
    return GroupGuardConfig.DEFINITION.names().contains(key);
  }

  private static Map<String, String> composeEnvironment(String service) {
    JsonNode environment = FILES.document(COMPOSE).at("/services/" + service + "/environment");
    Map<String, String> variables = new HashMap<>();
    if (environment.isArray()) {
      environment.forEach(entry -> {
        String[] nameAndValue = entry.asText().split("=", 2);
        variables.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
      });
    } else {
      environment.fields().forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
    }
    return variables;
  }

  private static JsonNode container() {
    return FILES.resource(STATEFUL_SET, "StatefulSet").at("/spec/template/spec/containers/0");
  }

  /** Literal env values of the GroupGuard container ({@code valueFrom} entries are left out). */
  private static Map<String, String> statefulSetEnvironment() {
    Map<String, String> variables = new HashMap<>();
    container().path("env").forEach(variable -> {
      if (variable.has("value")) {
        variables.put(variable.path("name").asText(), variable.path("value").asText());
      }
    });
    return variables;
  }

  private static String mountPath(JsonNode container, String volume) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (volume.equals(mount.path("name").asText())) {
        return mount.path("mountPath").asText();
      }
    }
    throw new AssertionError("no mount of volume " + volume);
  }

  private static List<String> dashboardExpressions() {
    return FILES.document(DASHBOARD).findValuesAsText("expr");
  }

  private static List<String> ruleExpressions(JsonNode groups) {
    List<String> expressions = new ArrayList<>();
    groups.forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));
    return expressions;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> textValues(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  /** Topics needs a registry for its serdes; building topic definitions never calls it. */
  private static final class UnusedSchemaRegistry implements SchemaRegistryClient {
    @Override
    public int register(String subject, Schema schema) {
      throw new UnsupportedOperationException("not used when listing topics");
    }

    @Override
    public Schema getById(int id) {
      throw new UnsupportedOperationException("not used when listing topics");
    }

    @Override
    public void close() {
    }
  }
}

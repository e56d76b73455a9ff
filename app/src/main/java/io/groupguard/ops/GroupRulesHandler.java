package io.groupguard.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.groupguard.avro.ModerationRule;
import io.groupguard.rules.TenantRuleSet;
import io.groupguard.serde.AvroJson;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code GET /groups/{tenant}/{group}/rules}: the enabled rules whose scope covers the group.
 * Rules are in a global store, complete on every instance, so any instance answers.
 */
final class GroupRulesHandler implements HttpHandler {

  static final String PREFIX = "/groups/";
  static final String SUFFIX = "/rules";

  private final Function<String, TenantRuleSet> ruleSetOfTenant;
  private final String self;

  GroupRulesHandler(Function<String, TenantRuleSet> ruleSetOfTenant, String self) {
    this.ruleSetOfTenant = ruleSetOfTenant;
    this.self = self;
  }

  static boolean matches(String rawPath) {
    return RequestPath.match(rawPath, PREFIX, SUFFIX).isPresent();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Optional<RequestPath> path = RequestPath.match(exchange.getRequestURI().getRawPath(), PREFIX, SUFFIX);
      if (path.isEmpty()) {
        JsonResponses.error(exchange, 404, "expected " + PREFIX + "{tenant}/{group}" + SUFFIX);
        return;
      }
      TenantRuleSet ruleSet;
      try {
        ruleSet = ruleSetOfTenant.apply(path.get().tenantId());
      } catch (InvalidStateStoreException e) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        JsonResponses.error(exchange, 503, "the rule store cannot be queried right now; retry");
        return;
      }
      ObjectNode body = JsonResponses.JSON.createObjectNode();
      body.put("tenantId", path.get().tenantId());
      body.put("groupId", path.get().id());
      ArrayNode rules = body.putArray("rules");
      for (ModerationRule rule : ruleSet.rulesFor(path.get().id())) {
        rules.add(AvroJson.toJson(rule));
      }
      exchange.getResponseHeaders().set(KeyQueryHandler.INSTANCE_HEADER, self);
      JsonResponses.send(exchange, 200, body);
    } finally {
      exchange.close();
    }
  }
}

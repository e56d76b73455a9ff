#!/usr/bin/env bash
# Validates the deployment files without a container engine or a cluster:
#   docker compose / docker-compose config   compose file against the Compose schema
#   promtool                                 Prometheus config, alert rules (+ unit tests),
#                                            PrometheusRule groups, dashboard PromQL syntax
#   kubectl kustomize                        both kustomizations build
# Needs python3 with PyYAML for the extraction steps. DeploymentFilesTest (mvn test) checks
# cross-references and names. Exits non-zero on the first failure; says what it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

skip() { echo "SKIPPED: $1 ($2 not installed)"; }

if docker compose version > /dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q && echo "OK: docker compose config"
elif command -v docker-compose > /dev/null; then
  docker-compose -f docker-compose.yml config -q && echo "OK: docker-compose config"
else
  skip "compose file schema" "docker compose"
fi

if command -v promtool > /dev/null; then
  promtool check config deploy/prometheus/prometheus.yml
  (cd deploy/prometheus && promtool test rules alerts-test.yml)
  # PromQL of the PrometheusRule and of every dashboard panel, as rule files promtool parses.
  operator_rules="$work/k8s-rules.yml"
  python3 - "$operator_rules" "$work/dashboard-rules.yml" <<'PY'
import json, sys, yaml
rules_out, dashboard_out = sys.argv[1], sys.argv[2]
rule = next(d for d in yaml.safe_load_all(open("deploy/k8s/monitoring.yaml")) if d and d["kind"] == "PrometheusRule")
yaml.safe_dump({"groups": rule["spec"]["groups"]}, open(rules_out, "w"))
def exprs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "expr":
                yield value
            else:
                yield from exprs(value)
    elif isinstance(node, list):
        for value in node:
            yield from exprs(value)
grafana = {"$__rate_interval": "1m", "$__range": "1h", "$instance": ".*"}
records = []
for i, expr in enumerate(exprs(json.load(open("deploy/grafana/dashboards/groupguard.json")))):
    for variable, value in grafana.items():
        expr = expr.replace(variable, value)
    records.append({"record": f"dashboard:panel_{i}", "expr": expr})
yaml.safe_dump({"groups": [{"name": "dashboard", "rules": records}]}, open(dashboard_out, "w"))
PY
  promtool check rules "$operator_rules" "$work/dashboard-rules.yml"
else
  skip "Prometheus config, rules and PromQL" "promtool"
fi

if command -v kubectl > /dev/null; then
  kubectl kustomize deploy/k8s/app > /dev/null && echo "OK: kustomize deploy/k8s/app"
  kubectl kustomize deploy/k8s > /dev/null && echo "OK: kustomize deploy/k8s"
else
  skip "kustomize builds" "kubectl"
fi

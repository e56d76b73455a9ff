#!/usr/bin/env bash
# Regenerates the configuration reference table in docs/configuration.md from GroupGuardConfig
# (GroupGuardConfigTest fails when they drift). Needs the jar: mvn -q -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import subprocess
table = subprocess.run(['java', '-cp', 'app/target/groupguard.jar', 'io.groupguard.config.ConfigDocs'],
                       capture_output=True, text=True, check=True).stdout
doc_path = 'docs/configuration.md'
doc = open(doc_path, encoding='utf-8').read()
begin = '<!-- config-table:begin (generated from GroupGuardConfig; do not edit) -->'
end = '<!-- config-table:end -->'
i = doc.index(begin) + len(begin)
j = doc.index(end)
open(doc_path, 'w', encoding='utf-8').write(doc[:i] + '\n' + table + doc[j:])
PY

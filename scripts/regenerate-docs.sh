#!/usr/bin/env bash
# Regenerates the README's configuration table from GroupGuardConfig (GroupGuardConfigTest
# fails when they drift). Needs the jar: mvn -q -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import subprocess
table = subprocess.run(['java', '-cp', 'app/target/groupguard.jar', 'io.groupguard.config.ConfigDocs'],
                       capture_output=True, text=True, check=True).stdout
readme = open('README.md', encoding='utf-8').read()
begin = '<!-- config-table:begin (generated from GroupGuardConfig; do not edit) -->'
end = '<!-- config-table:end -->'
i = readme.index(begin) + len(begin)
j = readme.index(end)
open('README.md', 'w', encoding='utf-8').write(readme[:i] + '\n' + table + readme[j:])
PY

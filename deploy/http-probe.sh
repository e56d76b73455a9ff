#!/usr/bin/env bash
# Succeeds when GET http://127.0.0.1:${GROUPGUARD_HTTP_PORT:-8080}<path> answers 200.
# For container health checks in images without curl or wget: uses bash's /dev/tcp.
set -euo pipefail
path="${1:-/health}"
port="${GROUPGUARD_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${path}" >&3
read -r -t 5 _ status _ <&3
[[ "${status}" == "200" ]]

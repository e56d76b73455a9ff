#!/bin/sh
# Creates GroupGuard's topics (deploy/kafka/topics.txt) once the broker answers; existing
# topics are left as they are. Runs in the apache/kafka image as a one-shot compose service.
set -eu

bootstrap="${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS is required}"
partitions="${PARTITIONS:-6}"
replication_factor="${REPLICATION_FACTOR:-1}"
topics_file="${TOPICS_FILE:-/deploy/kafka/topics.txt}"
wait_seconds="${WAIT_SECONDS:-120}"
kafka_topics="${KAFKA_TOPICS_SCRIPT:-/opt/kafka/bin/kafka-topics.sh}"

deadline=$(( $(date +%s) + wait_seconds ))
until "$kafka_topics" --bootstrap-server "$bootstrap" --list > /dev/null 2>&1; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "broker $bootstrap not reachable after ${wait_seconds}s" >&2
    exit 1
  fi
  sleep 2
done

grep -v -e '^#' -e '^[[:space:]]*$' "$topics_file" | while read -r name policy; do
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replication_factor" \
    --config "cleanup.policy=$policy"
done
echo "topics ready:"
"$kafka_topics" --bootstrap-server "$bootstrap" --list

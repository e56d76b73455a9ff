#!/usr/bin/env node
'use strict';
/*
 * Interoperability check from outside the JVM: a kafkajs producer writes chat messages in the
 * Confluent wire format (0x00, 4-byte schema id, Avro binary) with a schema it registers itself,
 * and a kafkajs consumer decodes GroupGuard's violations by fetching GroupGuard's writer schema
 * from the registry by id. Exit 0 when every message carrying the keyword came back as a
 * violation, 1 otherwise.
 *
 * Usage: node interop.js --brokers HOST:PORT --registry URL
 *          [--messages-topic chat.messages] [--violations-topic groupguard.violations]
 *          [--count 10] [--timeout-ms 60000] [--keyword interopbadword]
 *          [--tenant interop-tenant] [--group interop-group]
 */
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const avro = require('avsc');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

const AVRO_DIR = path.resolve(__dirname, '../../schemas/src/main/avro');

/**
 * Avro timestamp-millis as a JS Date. Without it avsc treats the field as a plain long (a number);
 * with it both our writes and GroupGuard's violations (eventTime, detectedAt) carry real dates.
 */
class TimestampMillisType extends avro.types.LogicalType {
  _fromValue(millis) {
    return new Date(millis);
  }

  _toValue(date) {
    return date instanceof Date ? date.getTime() : undefined; // undefined = invalid for avsc
  }

  _resolve(writerType) {
    if (avro.Type.isType(writerType, 'long', 'logical:timestamp-millis')) {
      return this._fromValue;
    }
    return undefined;
  }
}

/** avsc options shared by the registry client (encode and decode) and the offline check. */
const AVRO_OPTIONS = { logicalTypes: { 'timestamp-millis': TimestampMillisType } };

/**
 * Reads ChatMessage.avsc and inlines the named types it borrows from other files (SenderKind),
 * because the registry client needs one self-contained schema. The first reference is replaced
 * by the definition; Avro requires later references to stay names.
 */
function loadChatMessageSchema(avroDir = AVRO_DIR) {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(avroDir, file), 'utf8'));
  const borrowed = new Map();
  for (const file of ['common/SenderKind.avsc']) {
    const schema = read(file);
    borrowed.set(`${schema.namespace}.${schema.name}`, schema);
  }
  const inline = (node) => {
    if (typeof node === 'string' && borrowed.has(node)) {
      const definition = borrowed.get(node);
      borrowed.delete(node);
      return definition;
    }
    if (Array.isArray(node)) {
      return node.map(inline);
    }
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value)]));
    }
    return node;
  };
  return inline(read('ChatMessage.avsc'));
}

/** The i-th test message; even ones contain the keyword that the test's rule blocks. */
function chatMessage(i, { tenant, group, keyword }, sendTime) {
  const blocked = i % 2 === 0;
  return {
    blocked,
    value: {
      tenantId: tenant,
      groupId: group,
      groupOwnerId: null,
      messageId: `js-${i}`,
      senderId: `js-member-${i % 3}`,
      senderKind: 'CUSTOMER',
      senderRoles: [],
      sendTime,
      contentType: 'TEXT',
      text: blocked ? `kafkajs message ${i} says ${keyword}` : `kafkajs message ${i} says hello`,
      links: [],
      miniProgramAppId: null,
      miniProgramTitle: null,
      mentions: [],
    },
  };
}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      brokers: { type: 'string' },
      registry: { type: 'string' },
      'messages-topic': { type: 'string', default: 'chat.messages' },
      'violations-topic': { type: 'string', default: 'groupguard.violations' },
      count: { type: 'string', default: '10' },
      'timeout-ms': { type: 'string', default: '60000' },
      keyword: { type: 'string', default: 'interopbadword' },
      tenant: { type: 'string', default: 'interop-tenant' },
      group: { type: 'string', default: 'interop-group' },
    },
  });
  for (const required of ['brokers', 'registry']) {
    if (!values[required]) {
      throw new Error(`--${required} is required`);
    }
  }
  const count = Number(values.count);
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`--count must be a positive integer, got '${values.count}'`);
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`--timeout-ms must be a positive integer, got '${values['timeout-ms']}'`);
  }
  return {
    brokers: values.brokers.split(','),
    registryUrl: values.registry,
    messagesTopic: values['messages-topic'],
    violationsTopic: values['violations-topic'],
    count,
    timeoutMs,
    keyword: values.keyword,
    tenant: values.tenant,
    group: values.group,
  };
}

async function produce(kafka, registry, options) {
  const subject = `${options.messagesTopic}-value`;
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(loadChatMessageSchema()) },
    { subject },
  );
  // Millisecond precision, as Avro stores it; the violations must echo it as their event time.
  const sendTime = new Date(Date.now());
  const messages = Array.from({ length: options.count }, (_, i) => chatMessage(i, options, sendTime));
  const records = await Promise.all(messages.map(async ({ value }) => ({
    key: `${value.tenantId}/${value.groupId}`,
    value: await registry.encode(id, value),
  })));
  // Java's default partitioner (murmur2), so keys land where Java producers would put them.
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic: options.messagesTopic, acks: -1, messages: records });
  } finally {
    await producer.disconnect();
  }
  return { expectedIds: new Set(messages.filter((m) => m.blocked).map((m) => m.value.messageId)), sendTime };
}

/**
 * Resolves with the decoded violations once every expected message has one. A violation counts
 * only if it also carries this run's send time as its event time, so violations left on the topic
 * by an earlier run with the same message ids cannot make the check pass.
 */
async function awaitViolations(kafka, registry, options, { expectedIds, sendTime }) {
  const consumer = kafka.consumer({
    groupId: `groupguard-interop-${process.pid}-${Date.now()}`,
    readUncommitted: false, // read_committed: GroupGuard writes with exactly-once transactions
  });
  const decoded = [];
  const seen = new Set();
  let timer;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: options.violationsTopic, fromBeginning: true });
    await new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        const missing = [...expectedIds].filter((id) => !seen.has(id));
        reject(new Error(`timed out after ${options.timeoutMs} ms: no violation decoded for ${missing.join(', ')}`
          + ` (${decoded.length} violations decoded in all)`));
      }, options.timeoutMs);
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          let violation;
          try {
            violation = await registry.decode(message.value);
          } catch (error) {
            reject(new Error(`cannot decode the violation at partition ${partition} offset ${message.offset}: ${error.message}`));
            return;
          }
          decoded.push(violation);
          console.log(JSON.stringify(violation));
          if (violation.tenantId === options.tenant && expectedIds.has(violation.messageId)
              && violation.eventTime.getTime() === sendTime.getTime()) {
            seen.add(violation.messageId);
          }
          if (seen.size === expectedIds.size) {
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return { decoded, seen };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const kafka = new Kafka({ clientId: 'groupguard-interop', brokers: options.brokers, logLevel: logLevel.WARN });
  const registry = new SchemaRegistry({ host: options.registryUrl }, { [SchemaType.AVRO]: AVRO_OPTIONS });
  const produced = await produce(kafka, registry, options);
  const { decoded, seen } = await awaitViolations(kafka, registry, options, produced);
  console.log(JSON.stringify({
    produced: options.count,
    violationsDecoded: decoded.length,
    messageIds: [...seen].sort(),
  }));
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(`interop: ${error.message}`);
      process.exit(1);
    },
  );
}

module.exports = { AVRO_OPTIONS, loadChatMessageSchema, chatMessage };

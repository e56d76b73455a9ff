#!/usr/bin/env node
'use strict';
/*
 * Interoperability check from outside the JVM, with a third-party Schema Registry client and Avro
 * serde (--serde confluent: Confluent's own @confluentinc/schemaregistry; --serde kafkajs:
 * @kafkajs/confluent-schema-registry) and kafkajs as the Kafka client. It registers its own copy of
 * ChatMessage, produces chat messages in the Confluent wire format (0x00, 4-byte schema id, Avro
 * binary), and decodes GroupGuard's violations and actions with the writer schemas GroupGuard
 * registered. Exit 0 when every message carrying the keyword came back as a keyword violation and
 * a DELETE_MESSAGE action that name it, and no other message of the run did; 1 otherwise.
 *
 * Usage: node interop.js --brokers HOST:PORT --registry URL [--serde confluent|kafkajs]
 *          [--messages-topic chat.messages] [--violations-topic groupguard.violations]
 *          [--actions-topic groupguard.actions] [--count 10] [--timeout-ms 60000]
 *          [--keyword interopbadword] [--tenant interop-tenant] [--group interop-group]
 *          [--exit-when-stdin-closes]
 */
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { AVRO_OPTIONS, SERDES } = require('./serdes');
const { Expectations } = require('./expectations');

const AVRO_DIR = path.resolve(__dirname, '../../schemas/src/main/avro');

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

/**
 * The i-th test message of a run with `serde`; even ones contain the keyword that the test's rule
 * blocks. Ids and senders carry the serde's name, so runs of both serdes against one GroupGuard
 * neither share message ids nor add to each other's strikes.
 */
function chatMessage(i, { serde, tenant, group, keyword }, sendTime) {
  const blocked = i % 2 === 0;
  return {
    blocked,
    value: {
      tenantId: tenant,
      groupId: group,
      groupOwnerId: null,
      messageId: `${serde}-${i}`,
      senderId: `${serde}-member-${i % 3}`,
      senderKind: 'CUSTOMER',
      senderRoles: [],
      sendTime,
      contentType: 'TEXT',
      text: blocked ? `${serde} message ${i} says ${keyword}` : `${serde} message ${i} says hello`,
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
      serde: { type: 'string', default: 'confluent' },
      'messages-topic': { type: 'string', default: 'chat.messages' },
      'violations-topic': { type: 'string', default: 'groupguard.violations' },
      'actions-topic': { type: 'string', default: 'groupguard.actions' },
      count: { type: 'string', default: '10' },
      'timeout-ms': { type: 'string', default: '60000' },
      keyword: { type: 'string', default: 'interopbadword' },
      tenant: { type: 'string', default: 'interop-tenant' },
      group: { type: 'string', default: 'interop-group' },
      'exit-when-stdin-closes': { type: 'boolean', default: false },
    },
  });
  for (const required of ['brokers', 'registry']) {
    if (!values[required]) {
      throw new Error(`--${required} is required`);
    }
  }
  if (!Object.hasOwn(SERDES, values.serde)) {
    throw new Error(`--serde must be one of ${Object.keys(SERDES).join(', ')}, got '${values.serde}'`);
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
    serde: values.serde,
    messagesTopic: values['messages-topic'],
    violationsTopic: values['violations-topic'],
    actionsTopic: values['actions-topic'],
    count,
    timeoutMs,
    keyword: values.keyword,
    tenant: values.tenant,
    group: values.group,
    exitWhenStdinCloses: values['exit-when-stdin-closes'],
  };
}

/** Checks the Confluent framing: magic byte 0, then the id the schema was registered under. */
function checkFraming(buffer, schemaId, encoderName) {
  if (buffer[0] !== 0 || buffer.readInt32BE(1) !== schemaId) {
    throw new Error(`${encoderName} framed a message as ${buffer.subarray(0, 5).toString('hex')},`
      + ` expected 00 and schema id ${schemaId}`);
  }
}

/**
 * Encodes and produces the run's messages. Pairs of messages take turns through the serde's
 * encoders, so each encoder writes both kinds of message.
 */
async function produce(kafka, serde, options) {
  const encoders = await serde.prepareEncoders(options.messagesTopic, loadChatMessageSchema());
  // Millisecond precision, as Avro stores it; violations and actions must echo it as event time.
  const sendTime = new Date(Date.now());
  const messages = Array.from({ length: options.count }, (_, i) => chatMessage(i, options, sendTime));
  const encodedBy = Object.fromEntries(encoders.map(({ name }) => [name, []]));
  const records = [];
  for (const [i, { value }] of messages.entries()) {
    const encoder = encoders[Math.floor(i / 2) % encoders.length];
    const buffer = await encoder.encode(value);
    checkFraming(buffer, encoder.schemaId, encoder.name);
    encodedBy[encoder.name].push(value.messageId);
    records.push({ key: `${value.tenantId}/${value.groupId}`, value: buffer });
  }
  // Java's default partitioner (murmur2), so keys land where Java producers would put them.
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic: options.messagesTopic, acks: -1, messages: records });
  } finally {
    await producer.disconnect();
  }
  return { messages: new Map(messages.map((m) => [m.value.messageId, m])), sendTime, encodedBy };
}

/**
 * Reads violations and actions from the beginning with a fresh consumer group and resolves once
 * the expectations are complete; rejects on a wrong record or at the timeout.
 */
async function awaitDecisions(kafka, serde, options, expectations) {
  const consumer = kafka.consumer({
    groupId: `groupguard-interop-${options.serde}-${process.pid}-${Date.now()}`,
    readUncommitted: false, // read_committed: GroupGuard writes with exactly-once transactions
  });
  const add = {
    [options.violationsTopic]: (record) => expectations.addViolation(record),
    [options.actionsTopic]: (record) => expectations.addAction(record),
  };
  let decoded = 0;
  let timer;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: Object.keys(add), fromBeginning: true });
    await new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`timed out after ${options.timeoutMs} ms: no violation or no DELETE_MESSAGE action`
          + ` decoded for ${expectations.missing().join(', ')} (${decoded} records decoded in all)`));
      }, options.timeoutMs);
      consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          try {
            const record = await serde.decode(topic, message.value);
            decoded += 1;
            console.log(JSON.stringify({ topic, record }));
            add[topic](record);
            if (expectations.complete()) {
              resolve();
            }
          } catch (error) {
            reject(new Error(`${topic} partition ${partition} offset ${message.offset}: ${error.message}`));
          }
        },
      }).catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.exitWhenStdinCloses) {
    // A parent that spawned this with a stdin pipe and died leaves no orphan behind.
    process.stdin.on('end', () => {
      console.error('interop: stdin closed, exiting');
      process.exit(2);
    });
    process.stdin.resume();
  }
  const kafka = new Kafka({ clientId: `groupguard-interop-${options.serde}`, brokers: options.brokers, logLevel: logLevel.WARN });
  const serde = SERDES[options.serde](options.registryUrl);
  const produced = await produce(kafka, serde, options);
  const expectations = new Expectations(produced, options);
  await awaitDecisions(kafka, serde, options, expectations);
  console.log(JSON.stringify({
    serde: options.serde,
    produced: options.count,
    encodedBy: produced.encodedBy,
    violations: [...expectations.violations.keys()].sort(),
    actionTypes: Object.fromEntries([...expectations.actions].sort()
      .map(([id, actions]) => [id, actions.map((action) => action.type)])),
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

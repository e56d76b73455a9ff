#!/usr/bin/env node
'use strict';
/*
 * Offline check (no broker, no registry): the self-contained ChatMessage schema that interop.js
 * registers, and GroupGuard's Violation and ModerationAction schemas that it decodes, round-trip through avsc with
 * the timestamp-millis logical type, and the inlined schema still reads GroupGuard's own
 * ChatMessage bytes (Avro schema resolution by full name).
 */
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const avro = require('avsc');
const { AVRO_OPTIONS, loadChatMessageSchema, chatMessage } = require('./interop');

const AVRO_DIR = path.resolve(__dirname, '../../schemas/src/main/avro');

const schema = loadChatMessageSchema();
assert.equal(JSON.stringify(schema).match(/"name":"SenderKind"/g).length, 1, 'SenderKind defined exactly once');

const chatType = avro.Type.forSchema(schema, AVRO_OPTIONS);
const { value } = chatMessage(0, { serde: 'confluent', tenant: 'acme-retail', group: 'acme-vip-en', keyword: 'interopbadword' }, new Date());
const decoded = chatType.fromBuffer(chatType.toBuffer(value));
assert.deepEqual({ ...decoded }, value);
assert.ok(decoded.sendTime instanceof Date, 'sendTime decodes as a Date');
assert.throws(() => chatType.toBuffer({ ...value, sendTime: 'yesterday' }), 'a non-Date timestamp is rejected');

// GroupGuard registers ChatMessage with SenderKind from its own file; the bytes must be identical.
const senderKindType = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(AVRO_DIR, 'common/SenderKind.avsc'), 'utf8')));
const javaSideType = avro.Type.forSchema(
  JSON.parse(fs.readFileSync(path.join(AVRO_DIR, 'ChatMessage.avsc'), 'utf8')),
  { ...AVRO_OPTIONS, registry: { 'io.groupguard.avro.SenderKind': senderKindType } },
);
assert.ok(javaSideType.toBuffer(value).equals(chatType.toBuffer(value)), 'same binary encoding as the split schema');

const violationType = avro.Type.forSchema(
  JSON.parse(fs.readFileSync(path.join(AVRO_DIR, 'Violation.avsc'), 'utf8')), AVRO_OPTIONS);
const violation = {
  violationId: 'v-1', tenantId: 'acme-retail', groupId: 'acme-vip-en', messageId: 'js-0', memberId: 'js-member-0',
  kind: 'KEYWORD', ruleId: 'r-1', ruleVersion: 3, ruleName: 'Interop', evidence: 'interopbadword',
  matchedPattern: 'interopbadword', spanStart: 24, spanEnd: 38, detail: 'keyword', shadow: false,
  eventTime: new Date(Date.UTC(2026, 10, 20, 9)), detectedAt: new Date(Date.UTC(2026, 10, 20, 9, 0, 1)),
};
assert.deepEqual({ ...violationType.fromBuffer(violationType.toBuffer(violation)) }, violation);

const actionType = avro.Type.forSchema(
  JSON.parse(fs.readFileSync(path.join(AVRO_DIR, 'ModerationAction.avsc'), 'utf8')), AVRO_OPTIONS);
const action = {
  actionId: 'a-1', tenantId: 'acme-retail', groupId: 'acme-vip-en', memberId: 'js-member-0', messageId: 'js-0',
  type: 'DELETE_MESSAGE', muteSeconds: null, appealable: true, memberReason: 'Your message was removed',
  language: 'en', violationIds: ['v-1'], ruleId: 'r-1', ruleVersion: 3, strikeNumber: 1, ladderStep: 'strike-1: warn',
  eventTime: new Date(Date.UTC(2026, 10, 20, 9)), decidedAt: new Date(Date.UTC(2026, 10, 20, 9, 0, 1)),
};
assert.deepEqual({ ...actionType.fromBuffer(actionType.toBuffer(action)) }, action);

console.log('avro round trip ok: ChatMessage (inlined SenderKind), Violation and ModerationAction with timestamp-millis as Date');

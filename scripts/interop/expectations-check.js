#!/usr/bin/env node
'use strict';
/*
 * Offline check (no broker, no registry) that interop.js can fail: its Expectations accept only a
 * keyword violation and a DELETE_MESSAGE action naming that violation for every keyword message,
 * reject wrong records of the run, and ignore records of earlier runs.
 */
const assert = require('assert/strict');
const { chatMessage } = require('./interop');
const { Expectations } = require('./expectations');

const options = { serde: 'confluent', tenant: 'acme-retail', group: 'acme-vip-en', keyword: 'interopbadword' };
const sendTime = new Date(Date.UTC(2026, 11, 3, 9));
const earlier = new Date(sendTime.getTime() - 60_000);

/** A run of 2 messages: confluent-0 carries the keyword, confluent-1 does not. */
function run() {
  const messages = [0, 1].map((i) => chatMessage(i, options, sendTime));
  return new Expectations({ messages: new Map(messages.map((m) => [m.value.messageId, m])), sendTime }, options);
}

const violation = (overrides = {}) => ({
  violationId: 'v-0', tenantId: options.tenant, messageId: 'confluent-0', memberId: 'confluent-member-0',
  kind: 'KEYWORD', evidence: options.keyword, eventTime: sendTime, ...overrides,
});
const action = (overrides = {}) => ({
  actionId: 'a-0', tenantId: options.tenant, messageId: 'confluent-0', memberId: 'confluent-member-0',
  type: 'DELETE_MESSAGE', violationIds: ['v-0'], eventTime: sendTime, ...overrides,
});

// Complete once both records of the keyword message are in, in either order.
const complete = run();
complete.addAction(action({ type: 'WARN' }));
complete.addAction(action());
assert.equal(complete.complete(), false, 'an action alone is not enough');
assert.deepEqual(complete.missing(), ['confluent-0']);
complete.addViolation(violation());
assert.equal(complete.complete(), true);

// Records of an earlier run with the same ids, and of another tenant, do not count.
const stale = run();
stale.addViolation(violation({ eventTime: earlier, kind: 'FLOOD' }));
stale.addAction(action({ eventTime: earlier }));
stale.addViolation(violation({ tenantId: 'other-tenant' }));
assert.equal(stale.complete(), false);

// Wrong records of the run fail it.
assert.throws(() => run().addViolation(violation({ kind: 'REGEX' })), /kind REGEX, expected KEYWORD/);
assert.throws(() => run().addViolation(violation({ evidence: 'other' })), /evidence 'other'/);
assert.throws(() => run().addViolation(violation({ memberId: 'someone' })), /member someone/);
assert.throws(() => run().addViolation(violation({ messageId: 'confluent-1', memberId: 'confluent-member-1' })),
  /the message has no keyword/);
assert.throws(() => run().addAction(action({ messageId: 'confluent-1', memberId: 'confluent-member-1' })),
  /without the keyword/);
const unlinked = run();
unlinked.addViolation(violation());
unlinked.addAction(action({ violationIds: ['v-other'] }));
assert.throws(() => unlinked.complete(), /does not name its violation v-0/);

console.log('expectations ok: complete only with a linked keyword violation and deletion; wrong records fail');

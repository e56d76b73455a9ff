'use strict';

/**
 * What the run expects back, fed with every decoded violation and action. A record belongs to
 * the run when it names one of its message ids and carries its send time as event time, so
 * records left on the topics by earlier runs cannot count. Throws on a record of the run that is
 * wrong; `complete()` once every keyword message has its violation and DELETE_MESSAGE action.
 */
class Expectations {
  constructor({ messages, sendTime }, { tenant, keyword }) {
    this.messages = messages;
    this.sendTime = sendTime;
    this.tenant = tenant;
    this.keyword = keyword;
    this.blockedIds = [...messages.values()].filter((m) => m.blocked).map((m) => m.value.messageId);
    this.violations = new Map(); // messageId -> violation
    this.actions = new Map(); // messageId -> actions
  }

  ofThisRun(record) {
    return record.tenantId === this.tenant && this.messages.has(record.messageId)
      && record.eventTime.getTime() === this.sendTime.getTime();
  }

  addViolation(violation) {
    if (!this.ofThisRun(violation)) {
      return;
    }
    const { blocked, value } = this.messages.get(violation.messageId);
    const problems = [
      !blocked && 'the message has no keyword',
      violation.kind !== 'KEYWORD' && `kind ${violation.kind}, expected KEYWORD`,
      violation.memberId !== value.senderId && `member ${violation.memberId}, expected ${value.senderId}`,
      violation.evidence !== this.keyword && `evidence '${violation.evidence}', expected '${this.keyword}'`,
    ].filter(Boolean);
    if (problems.length > 0) {
      throw new Error(`violation ${violation.violationId} of ${violation.messageId}: ${problems.join('; ')}`);
    }
    this.violations.set(violation.messageId, violation);
  }

  addAction(action) {
    if (!this.ofThisRun(action)) {
      return;
    }
    const { blocked, value } = this.messages.get(action.messageId);
    if (!blocked || action.memberId !== value.senderId) {
      throw new Error(`action ${action.actionId} (${action.type} of ${action.memberId}) for ${action.messageId},`
        + ` a message ${blocked ? `of ${value.senderId}` : 'without the keyword'}`);
    }
    this.actions.set(action.messageId, [...(this.actions.get(action.messageId) ?? []), action]);
  }

  deletion(messageId) {
    return (this.actions.get(messageId) ?? []).find((action) => action.type === 'DELETE_MESSAGE');
  }

  missing() {
    return this.blockedIds.filter((id) => !this.violations.has(id) || !this.deletion(id));
  }

  /** True once nothing is missing; throws if a deletion does not name its message's violation. */
  complete() {
    if (this.missing().length > 0) {
      return false;
    }
    for (const id of this.blockedIds) {
      const { violationId } = this.violations.get(id);
      if (!this.deletion(id).violationIds.includes(violationId)) {
        throw new Error(`the DELETE_MESSAGE action of ${id} does not name its violation ${violationId}`);
      }
    }
    return true;
  }
}

module.exports = { Expectations };

package io.groupguard.topology;

import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;

/**
 * What the analysts' hourly counts are grouped by, as the text key of the counting repartition
 * topic and store: '<tenantId>/<groupId>/<kind>/<ruleId>', the rule id empty when none. Tenant
 * and rule ids never contain '/' (validation refuses them) and kinds are enum names, so a group
 * id with '/' still parses: tenant before the first '/', kind and rule after the last two.
 */
record ViolationCountKey(String tenantId, String groupId, ViolationKind kind, String ruleId) {

  static ViolationCountKey of(Violation violation) {
    return new ViolationCountKey(violation.getTenantId(), violation.getGroupId(), violation.getKind(), violation.getRuleId());
  }

  String format() {
    return RecordKeys.group(tenantId, groupId) + RecordKeys.SEPARATOR + kind.name() + RecordKeys.SEPARATOR
        + (ruleId == null ? "" : ruleId);
  }

  static ViolationCountKey parse(String key) {
    int tenantEnd = key.indexOf(RecordKeys.SEPARATOR);
    int ruleStart = key.lastIndexOf(RecordKeys.SEPARATOR) + 1;
    int kindStart = key.lastIndexOf(RecordKeys.SEPARATOR, ruleStart - 2) + 1;
    if (tenantEnd < 0 || kindStart <= tenantEnd + 1) {
      throw new IllegalArgumentException("not a violation count key: " + key);
    }
    String ruleId = key.substring(ruleStart);
    return new ViolationCountKey(key.substring(0, tenantEnd), key.substring(tenantEnd + 1, kindStart - 1),
        ViolationKind.valueOf(key.substring(kindStart, ruleStart - 1)), ruleId.isEmpty() ? null : ruleId);
  }
}

import type { AuditInfo } from '../core/record.js';
import { compact, firstStr, num, obj, str } from './fields.js';
import type { JsonObject } from './fields.js';

// protoPayload, chiefly google.cloud.audit.AuditLog: who did what to which resource, and how it ended.

export function readAudit(p: JsonObject): AuditInfo {
  const auth = obj(p['authenticationInfo']);
  const status = obj(p['status']);
  return compact({
    serviceName: str(p['serviceName']),
    methodName: str(p['methodName']),
    resourceName: str(p['resourceName']),
    principal: firstStr(auth, ['principalEmail', 'principalSubject']),
    statusCode: num(status?.['code']),
    statusMessage: str(status?.['message']),
  });
}

/**
 * The audit summary used as the record's message: "methodName resourceName", then the status
 * ("code 7: message", or just the message when the code is absent or OK).
 */
export function auditMessage(a: AuditInfo, p: JsonObject): string {
  const what = [a.methodName, a.resourceName].filter((s) => s !== undefined).join(' ');
  const status =
    a.statusCode !== undefined && a.statusCode !== 0
      ? `code ${a.statusCode}${a.statusMessage !== undefined ? `: ${a.statusMessage}` : ''}`
      : a.statusMessage;
  const parts = [what, status].filter((s): s is string => s !== undefined && s !== '');
  if (parts.length > 0) return parts.join(': ');
  const type = str(p['@type']);
  return type !== undefined ? `protoPayload ${type}` : JSON.stringify(p);
}

/** The audit search form's values, as typed. */
export interface AuditFilters {
  actor: string;
  action: string;
  entityId: string;
  outcome: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = {
  actor: '',
  action: '',
  entityId: '',
  outcome: '',
  from: '',
  to: '',
};

/** The day after a YYYY-MM-DD date: the server's `to` is exclusive, the form's is inclusive. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Query parameters for GET /audit. */
export function auditParams(f: AuditFilters): Record<string, string> {
  return {
    actor: f.actor.trim(),
    action: f.action.trim(),
    entityId: f.entityId.trim(),
    outcome: f.outcome,
    from: f.from,
    to: f.to ? dayAfter(f.to) : '',
  };
}

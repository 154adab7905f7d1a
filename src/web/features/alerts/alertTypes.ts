/** One alert as the list gives it (GET /alerts). */
export interface AlertSummary {
  id: string;
  number: string;
  areaCode: string;
  areaName: string;
  areaNames: Record<string, string>;
  topic: string;
  week: string;
  weekStart: string;
  /** Null when withheld from an aggregate-only reader (a small count). */
  observed: number | null;
  expected: number | null;
  threshold: number | null;
  method: string;
  state: string;
  closedAs: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One week of an alert's chart. */
export interface ChartWeek {
  week: string;
  /** Null when withheld from an aggregate-only reader (a small count). */
  observed: number | null;
  expected: number | null;
  threshold: number | null;
  alarm: boolean | null;
}

/** One alert with its explanation, series and history (GET /alerts/:id). */
export interface AlertDetail extends AlertSummary {
  settings: {
    method: string;
    alpha: number | null;
    sources: { method: string; alpha: string };
  };
  events: {
    at: string;
    actor: string;
    fromState: string | null;
    toState: string;
    closedAs: string | null;
    comment: string;
  }[];
  chart: ChartWeek[];
  chartNote: string | null;
  mayChange: boolean;
  nextStates: string[];
}

export const ALERT_STATES = ['new', 'acknowledged', 'investigating', 'closed'] as const;
export const CLOSED_AS = ['true_signal', 'data_artefact'] as const;

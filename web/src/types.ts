// Shapes of the ANTQ API (docs/openapi.json), only the parts the web app reads.
export type Role = 'admin' | 'province-officer' | 'district-officer' | 'commune-officer' | 'inspector' | 'viewer';

export interface Scope { code: string; as_of: string | null }

export interface Session {
  username: string;
  role: Role;
  scope: Scope | null;
  view_scope: Scope | null;
  inspection: number | null;
  csrf_token: string | null;
  expires_at: string | null;
}

export interface Unit {
  code: string;
  name: string;
  short_name: string;
  type: string;
  level: string;
  valid_from: string | null;
  valid_to: string | null;
}

export interface Page<T> { items: T[]; page: number; page_size: number; total: number }

export interface UnitDetails extends Unit {
  ancestors: Unit[];
  history: Unit[];
  same_code: Unit[];
}

export interface LineageRow {
  direction: 'from' | 'to';
  date: string;
  kind: string;
  source: string;
  unit: Unit;
  weight: number;
}

export interface Option { code: string; name: string; name_en: string; unit?: string; unit_en?: string }
export interface Category { code: string; name: string; name_en: string; options: Option[] }

export type ValueType = 'integer_zero_or_positive' | 'number' | 'boolean' | 'text' | string;

export interface Element {
  code: string;
  name: string;
  name_en: string;
  description: string | null;
  value_type: ValueType;
  accepts: string;
  aggregation: string;
  category: string | null;
  computed: boolean;
  unit: string | null;
  unit_en: string | null;
  min?: number;
  max?: number;
  valid_from: string | null;
}

export interface DataSet {
  code: string;
  name: string;
  name_en: string;
  calendar: string;
  elements: string[];
  level: string;
  period_type: string;
  submit_within_days: number;
}

/** A register field; `type` is text, long_text, integer_zero_or_positive, number, date, enum
 *  (with options), boolean, items (a quantity per option of `category`), units or list. */
export interface RegisterField {
  code: string;
  name: string;
  name_en: string;
  type: string;
  required: boolean;
  accepts?: string;
  category?: string | null;
  options?: { code: string; name: string; name_en: string }[];
}

export interface Register { code: string; name: string; name_en: string; level: string; fields: RegisterField[] }

export type EventValue = string | number | boolean | null | Record<string, number> | unknown[];

export interface Event {
  id: number;
  register: string;
  unit: Unit;
  date: string;
  fields: Record<string, EventValue>;
  deleted: boolean;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** What a new event or an edit sends (fields typed as the catalogue says). */
export interface EventInput { unit?: string; date?: string; fields?: Record<string, EventValue> }

export interface AddedEvent { id: number; unchanged: boolean }

/** One bad row of a CSV import (line and column counted from 1, as in a spreadsheet). */
export interface ImportProblem { line: number | null; column: number | null; field: string | null; message: string }

/** The answer to a CSV import: 200 when written (or checked), 422 with every bad row. */
export interface ImportReport {
  register: string;
  rows: number;
  added: number;
  unchanged: number;
  written: boolean;
  problems: ImportProblem[];
}

export interface CriterionResult {
  code: string;
  name: string;
  name_en: string;
  state: string;
  left: number | null;
  right: number | null;
  reason: string | null;
  reason_en: string | null;
  evidence: string | null;
}

export interface Evaluation {
  criteria_set: string;
  name: string;
  name_en: string;
  year: number;
  day: string;
  basis: string;
  recogniser: string | null;
  met: number;
  total: number;
  units: { unit: Unit; met: boolean; criteria: CriterionResult[] }[];
}

export interface User {
  username: string;
  role: Role;
  scope: Scope | null;
  view_scope: Scope | null;
  inspection: number | null;
  disabled: boolean;
  locked_until: string | null;
  created_at: string;
  created_by: string;
}

export interface AuditVerification { rows: number; intact: boolean; breaks: { id: number; problem: string }[] }

export interface Inspection {
  id: number;
  decision_number: string;
  decision_date: string;
  issuing_body: string;
  subject: string;
  scope: Scope | null;
  period_from: string;
  period_to: string;
  team: TeamMember[];
  snapshot_at: string | null;
  created_by: string;
  created_at: string;
}

export interface TeamMember { title: string; body: string; user: string | null; head?: boolean }

/** The body of POST /inspections (scope_at defaults to the decision date on the server). */
export interface NewInspection {
  decision_number: string;
  decision_date: string;
  issuing_body: string;
  subject: string;
  scope: string;
  scope_at?: string;
  period: string;
  team: { title: string; body: string; user?: string; head?: boolean }[];
}


export interface Finding { id: number; text: string; unit: Unit | null; created_by: string; created_at: string }

/** "overdue" is worked out by the server: past the deadline and not done. */
export type RecommendationStatus = 'open' | 'in_progress' | 'done' | 'overdue';

export interface Recommendation {
  id: number;
  inspection: number;
  text: string;
  responsible_unit: Unit;
  deadline: string;
  status: RecommendationStatus;
  evidence: { at: string; by: string; text: string }[];
  updated_by: string;
  updated_at: string;
}

export interface InspectionDetails extends Inspection {
  /** The evaluation results frozen with the inspection: one per criteria set and year. */
  snapshot: { taken_at: string; evaluations: Evaluation[] } | null;
  findings: Finding[];
  recommendations: Recommendation[];
}

export interface Catalog {
  version: number;
  sample: boolean;
  elements: Element[];
  data_sets: DataSet[];
  categories: Category[];
  registers: Register[];
  criteria_sets: { code: string; name: string; name_en: string }[];
}

export interface PeriodWindow { period: string; type: string; calendar: string; start: string; end: string }

export type ReportState = 'draft' | 'submitted' | 'approved' | 'locked';

export interface ReportStatus {
  state: ReportState;
  changed_by: string | null;
  changed_at: string | null;
  submitted_at: string | null;
  comment: string | null;
}

export interface DataValue {
  element: string;
  option: string | null;
  period: string;
  data_set: string;
  value: number | string | boolean | null;
  comment: string;
  stored_by: string;
  updated_at: string;
}

export interface Violation {
  data_set: string;
  importance: string;
  left: number | null;
  right: number | null;
  message: string;
  message_en: string;
  rule: string;
}

export interface ReportForm {
  unit: Unit;
  data_set: string;
  period: string;
  window: { start: string; end: string };
  deadline: string | null;
  status: ReportStatus;
  started: boolean;
  values: DataValue[];
  violations: Violation[];
  writable: boolean;
  not_writable_because: string | null;
}

export interface WriteSummary {
  added: number;
  updated: number;
  cleared: number;
  unchanged: number;
  reopened: boolean;
  violations: Violation[];
}

export interface SubmitResult { submitted: boolean; already: boolean; status: ReportStatus; violations: Violation[] }

export type Progress = 'not_started' | 'draft' | 'submitted_on_time' | 'submitted_late' | 'approved' | 'locked' | 'overdue';

export interface Rate {
  unit: Unit | null;
  expected: number;
  actual: number;
  on_time: number;
  rate: number;
  on_time_rate: number;
}

export interface StatusRow { unit: Unit; period: string; deadline: string | null; progress: Progress; status: ReportStatus }

export interface StatusOverview {
  data_set: string;
  rows: Page<StatusRow>;
  counts: Partial<Record<Progress, number>>;
  total: Rate;
  by_unit: Rate[];
  due: { due: number; on_time: number; late: number; missing: number };
}

export interface QueryResult {
  measures: string[];
  rows: { unit_code: string; unit_name: string; period: string; values: (number | null)[] }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  user: string;
  client: string;
  action: string;
  unit: Unit | null;
  subject: string;
  old_value: string | null;
  new_value: string | null;
}

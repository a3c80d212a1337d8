// The typed ANTQ API client: JSON in and out, the session's CSRF token on every write,
// errors turned into ApiError (code, message, field), and 401 reported to a listener
// so the app can go back to the sign-in screen.
import type {
  AddedEvent, AuditVerification, Catalog, EventInput, Evaluation, Event, Finding, ImportReport, Inspection, InspectionDetails, LineageRow, NewInspection, Recommendation, User, Page, PeriodWindow, QueryResult, ReportForm, ReportStatus, Session,
  StatusOverview, SubmitResult, Unit, UnitDetails, AuditEntry, WriteSummary,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

/** Builds "?a=1&b=x" from defined parameters (arrays repeat the key). */
export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export class ApiClient {
  private csrf: string | null = null;
  onUnauthenticated: (() => void) | null = null;

  constructor(private readonly fetchFn: FetchLike = (i, init) => fetch(i, init), private readonly base = '/api/v1') {}

  setCsrf(token: string | null): void {
    this.csrf = token;
  }

  /** `raw` sends a body as it is (a CSV file) with its own content type instead of JSON. */
  async request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; raw?: { body: BodyInit; type: string }; signal?: AbortSignal } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.raw) headers['Content-Type'] = opts.raw.type;
    else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path + queryString(opts.query), {
        method,
        headers,
        body: opts.raw ? opts.raw.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', (e as Error)?.message || 'network error');
    }
    const text = await res.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (!res.ok) {
      const err = (body && typeof body === 'object' && 'error' in body ? (body as { error: { code?: string; message?: string; field?: string | null } }).error : null);
      const apiErr = new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? (res.statusText || `HTTP ${res.status}`), err?.field ?? null, body);
      const isSignIn = method === 'POST' && path === '/session';
      if (res.status === 401 && !isSignIn && this.onUnauthenticated) this.onUnauthenticated();
      throw apiErr;
    }
    return body as T;
  }

  /** A file (GET): its bytes and the name the server gives it (Content-Disposition). */
  async file(path: string, query?: Query): Promise<{ blob: Blob; filename: string }> {
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path + queryString(query), { method: 'GET', credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, 'network', (e as Error)?.message || 'network error');
    }
    if (!res.ok) {
      let body: { error?: { code?: string; message?: string; field?: string | null } } | null = null;
      try {
        body = JSON.parse(await res.text());
      } catch {
        body = null;
      }
      if (res.status === 401 && this.onUnauthenticated) this.onUnauthenticated();
      throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? `HTTP ${res.status}`, body?.error?.field ?? null, body);
    }
    const cd = res.headers.get('Content-Disposition') ?? '';
    const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(cd);
    const filename = m ? decodeURIComponent(m[1] ?? m[2]) : path.split('/').pop() || 'download';
    return { blob: await res.blob(), filename };
  }

  document(kind: 'periodic' | 'inspection', q: { under: string; period: string; format: string; layout: string; language: string }) {
    return this.file(`/documents/${enc(kind)}`, q);
  }

  // Session
  async signIn(username: string, password: string): Promise<Session> {
    const s = await this.request<Session>('POST', '/session', { body: { username, password } });
    this.csrf = s.csrf_token;
    return s;
  }
  async whoAmI(): Promise<Session> {
    const s = await this.request<Session>('GET', '/session');
    this.csrf = s.csrf_token;
    return s;
  }
  async signOut(): Promise<void> {
    try {
      await this.request('DELETE', '/session');
    } finally {
      this.csrf = null;
    }
  }

  // Catalogue, periods, units
  catalog(): Promise<Catalog> { return this.request('GET', '/catalog'); }
  period(code: string, calendar?: string): Promise<PeriodWindow> {
    return this.request('GET', `/periods/${enc(code)}`, { query: { calendar } });
  }
  units(q: { at?: string; under?: string; level?: string; search?: string; page?: number; page_size?: number }, signal?: AbortSignal): Promise<Page<Unit>> {
    return this.request('GET', '/units', { query: q, signal });
  }
  unit(code: string, at?: string): Promise<UnitDetails> {
    return this.request('GET', `/units/${enc(code)}`, { query: { at } });
  }
  lineage(code: string, at?: string): Promise<LineageRow[]> {
    return this.request('GET', `/units/${enc(code)}/lineage`, { query: { at } });
  }

  // Reports
  private reportPath(ds: string, unit: string, period: string) {
    return `/data-sets/${enc(ds)}/reports/${enc(unit)}/${enc(period)}`;
  }
  report(ds: string, unit: string, period: string): Promise<ReportForm> {
    return this.request('GET', this.reportPath(ds, unit, period));
  }
  saveValues(ds: string, unit: string, period: string, values: { element: string; option?: string; value: string | number | boolean; comment?: string }[]): Promise<WriteSummary> {
    return this.request('PUT', this.reportPath(ds, unit, period), { body: { values } });
  }
  clearValues(ds: string, unit: string, period: string, elements: string[]): Promise<WriteSummary> {
    return this.request('DELETE', this.reportPath(ds, unit, period), { query: { element: elements } });
  }
  submit(ds: string, unit: string, period: string): Promise<SubmitResult> {
    return this.request('POST', this.reportPath(ds, unit, period) + '/submit');
  }
  approve(ds: string, unit: string, period: string): Promise<ReportStatus> {
    return this.request('POST', this.reportPath(ds, unit, period) + '/approve');
  }
  returnToDraft(ds: string, unit: string, period: string, comment: string): Promise<ReportStatus> {
    return this.request('POST', this.reportPath(ds, unit, period) + '/return', { body: { comment } });
  }
  lock(ds: string, unit: string, period: string): Promise<ReportStatus> {
    return this.request('POST', this.reportPath(ds, unit, period) + '/lock');
  }
  unlock(ds: string, unit: string, period: string, comment: string): Promise<ReportStatus> {
    return this.request('POST', this.reportPath(ds, unit, period) + '/unlock', { body: { comment } });
  }
  history(ds: string, unit: string, period: string, page_size = 50): Promise<Page<AuditEntry>> {
    return this.request('GET', this.reportPath(ds, unit, period) + '/history', { query: { page_size } });
  }
  status(ds: string, q: { under: string; period: string; state?: string[]; page?: number; page_size?: number }): Promise<StatusOverview> {
    return this.request('GET', `/data-sets/${enc(ds)}/status`, { query: q });
  }

  // Registers, evaluations, inspections, administration
  events(register: string, q: { under?: string; from?: string; to?: string; page?: number; page_size?: number }): Promise<Page<Event>> {
    return this.request('GET', `/registers/${enc(register)}/events`, { query: q });
  }
  addEvent(register: string, e: EventInput & { unit: string; date: string }): Promise<AddedEvent> {
    return this.request('POST', `/registers/${enc(register)}/events`, { body: e });
  }
  /** Changes the given fields (an empty string removes an optional one), the date or the unit. */
  editEvent(id: number, e: EventInput): Promise<{ id: number; changed: boolean }> {
    return this.request('PATCH', `/events/${id}`, { body: e });
  }
  deleteEvent(id: number): Promise<{ id: number; deleted: boolean }> {
    return this.request('DELETE', `/events/${id}`);
  }
  restoreEvent(id: number): Promise<{ id: number; deleted: boolean }> {
    return this.request('POST', `/events/${id}/restore`);
  }
  /** A CSV file of one register, all rows or none; a refusal (422) carries the ImportReport
   *  in ApiError.body (see importReportOf in registers.ts). */
  importEvents(register: string, file: Blob, q: { file_name?: string; dry_run?: boolean } = {}): Promise<ImportReport> {
    return this.request('POST', `/registers/${enc(register)}/import`, {
      query: { file_name: q.file_name, dry_run: q.dry_run ? 'true' : undefined },
      raw: { body: file, type: 'text/csv' },
    });
  }
  evaluations(q: { criteria: string; under: string; period: string }): Promise<Evaluation> {
    return this.request('GET', '/evaluations', { query: q });
  }
  inspections(): Promise<Page<Inspection>> { return this.request('GET', '/inspections', { query: { page_size: 100 } }); }
  inspection(id: number): Promise<InspectionDetails> { return this.request('GET', `/inspections/${id}`); }
  addInspection(i: NewInspection): Promise<Inspection> { return this.request('POST', '/inspections', { body: i }); }
  /** Freezes the evaluation results over the inspection's scope and years as the data stand now. */
  snapshotInspection(id: number): Promise<Inspection> { return this.request('POST', `/inspections/${id}/snapshot`); }
  addFinding(id: number, f: { text: string; unit?: string }): Promise<Pick<Finding, 'id' | 'text'>> {
    return this.request('POST', `/inspections/${id}/findings`, { body: f });
  }
  addRecommendation(id: number, r: { text: string; responsible_unit: string; deadline: string }): Promise<Recommendation> {
    return this.request('POST', `/inspections/${id}/recommendations`, { body: r });
  }
  recommendations(q: { inspection?: number; status?: string; page_size?: number } = {}): Promise<Page<Recommendation>> {
    return this.request('GET', '/recommendations', { query: { page_size: 1000, ...q } });
  }
  /** Follow-up: a new status and/or an evidence note. */
  followUp(id: number, f: { status?: 'open' | 'in_progress' | 'done'; evidence?: string }): Promise<Recommendation> {
    return this.request('PATCH', `/recommendations/${id}`, { body: f });
  }
  users(): Promise<Page<User>> { return this.request('GET', '/users', { query: { page_size: 1000 } }); }
  addUser(u: { username: string; role: string; scope?: string; view_scope?: string; scope_at?: string; inspection?: number; password: string }): Promise<User> {
    return this.request('POST', '/users', { body: u });
  }
  setUserDisabled(username: string, disabled: boolean): Promise<unknown> {
    return this.request('PATCH', `/users/${enc(username)}`, { body: { disabled } });
  }
  audit(q: { under?: string; at?: string; page?: number; page_size?: number }): Promise<Page<AuditEntry>> {
    return this.request('GET', '/audit', { query: q });
  }
  verifyAudit(): Promise<AuditVerification> { return this.request('GET', '/audit/verify'); }

  // Analysis
  analytics(q: { measure: string[]; under: string; period: string; by?: string; as_of?: string; calendar?: string }): Promise<QueryResult> {
    return this.request('GET', '/analytics', { query: { ...q, measure: q.measure } });
  }
  /** The same query as a file: format=xlsx, the headings in `language`. */
  analyticsFile(q: { measure: string[]; under: string; period: string; by?: string; as_of?: string; calendar?: string; format: 'xlsx'; language: string }) {
    return this.file('/analytics', q);
  }
}

export const api = new ApiClient();

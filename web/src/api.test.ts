import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, queryString, type FetchLike } from './api';

interface Call { url: string; init: RequestInit }

function fake(responses: { status: number; body?: unknown }[]) {
  const calls: Call[] = [];
  const fn: FetchLike = async (url, init) => {
    calls.push({ url, init: init ?? {} });
    const r = responses.shift() ?? { status: 200, body: {} };
    const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    return new Response(text, { status: r.status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fn, calls };
}

const session = { username: 'can-bo-xa', role: 'commune-officer', scope: { code: '23317', as_of: '2022-12-31' }, view_scope: null, inspection: null, csrf_token: 'tok-1', expires_at: null };

describe('ApiClient', () => {
  it('signs in and sends the CSRF token on writes only', async () => {
    const { fn, calls } = fake([{ status: 201, body: session }, { status: 200, body: { items: [] } }, { status: 200, body: { added: 1 } }]);
    const api = new ApiClient(fn);
    const s = await api.signIn('can-bo-xa', 'pw');
    expect(s.role).toBe('commune-officer');
    expect(calls[0].url).toBe('/api/v1/session');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ username: 'can-bo-xa', password: 'pw' });
    await api.units({ search: 'dak ha', page_size: 5 });
    expect(calls[1].url).toBe('/api/v1/units?search=dak+ha&page_size=5');
    expect((calls[1].init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    await api.saveValues('commune-monthly', '23317', '202209', [{ element: 'tips.received', value: '14' }]);
    expect(calls[2].url).toBe('/api/v1/data-sets/commune-monthly/reports/23317/202209');
    expect(calls[2].init.method).toBe('PUT');
    expect((calls[2].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
    expect(JSON.parse(String(calls[2].init.body))).toEqual({ values: [{ element: 'tips.received', value: '14' }] });
  });

  it('turns the error body into an ApiError with its field', async () => {
    const { fn } = fake([{ status: 400, body: { error: { code: 'invalid_argument', message: "'abc' is not a whole number", field: 'tips.received' } } }]);
    const api = new ApiClient(fn);
    const e = await api.saveValues('d', 'u', 'p', []).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_argument');
    expect(e.field).toBe('tips.received');
    expect(e.message).toContain('not a whole number');
  });

  it('reports 401 to the app, except for a failed sign-in', async () => {
    const { fn } = fake([
      { status: 401, body: { error: { code: 'unauthenticated', message: 'the user name or the password is wrong', field: 'password' } } },
      { status: 401, body: { error: { code: 'unauthenticated', message: 'sign in first', field: null } } },
    ]);
    const api = new ApiClient(fn);
    const listener = vi.fn();
    api.onUnauthenticated = listener;
    await expect(api.signIn('x', 'y')).rejects.toMatchObject({ status: 401, field: 'password' });
    expect(listener).not.toHaveBeenCalled();
    await expect(api.catalog()).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('copes with non-JSON errors and network failures', async () => {
    const { fn } = fake([{ status: 502, body: 'Bad gateway' }]);
    const api = new ApiClient(fn);
    await expect(api.catalog()).rejects.toMatchObject({ status: 502, code: 'http_502' });
    const broken = new ApiClient(async () => { throw new TypeError('Failed to fetch'); });
    await expect(broken.catalog()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('repeats array parameters and encodes path parts', async () => {
    expect(queryString({ element: ['a', 'b'], x: undefined, y: '', z: 0 })).toBe('?element=a&element=b&z=0');
    const { fn, calls } = fake([{ status: 200, body: { measures: [], rows: [] } }, { status: 200, body: [] }]);
    const api = new ApiClient(fn);
    await api.analytics({ measure: ['tips.received', '#{a} / #{b} * 100'], under: '608', period: '202201..202212', by: 'monthly' });
    expect(calls[0].url).toBe('/api/v1/analytics?measure=tips.received&measure=%23%7Ba%7D+%2F+%23%7Bb%7D+*+100&under=608&period=202201..202212&by=monthly');
    await api.lineage('23/25', '2025-07-01');
    expect(calls[1].url).toBe('/api/v1/units/23%2F25/lineage?at=2025-07-01');
  });

  it('forgets the token after signing out', async () => {
    const { fn, calls } = fake([{ status: 200, body: session }, { status: 200, body: {} }, { status: 200, body: {} }]);
    const api = new ApiClient(fn);
    await api.whoAmI();
    await api.signOut();
    expect((calls[1].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
    await api.submit('d', 'u', 'p');
    expect((calls[2].init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('downloads a document with its file name, and reports a refusal', async () => {
    const calls: string[] = [];
    const api = new ApiClient(async (url) => {
      calls.push(url);
      if (url.includes('format=exe')) return new Response(JSON.stringify({ error: { code: 'invalid_argument', message: 'give pdf, docx or xlsx', field: 'format' } }), { status: 400 });
      return new Response('%PDF-1.4', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="bao-cao-dinh-ky-608-2022Q3.pdf"' } });
    });
    const f = await api.document('periodic', { under: '608', period: '2022Q3', format: 'pdf', layout: 'state', language: 'vi' });
    expect(f.filename).toBe('bao-cao-dinh-ky-608-2022Q3.pdf');
    expect(await f.blob.text()).toBe('%PDF-1.4');
    expect(calls[0]).toBe('/api/v1/documents/periodic?under=608&period=2022Q3&format=pdf&layout=state&language=vi');
    await expect(api.document('periodic', { under: '608', period: '2022Q3', format: 'exe', layout: 'state', language: 'vi' })).rejects.toMatchObject({ status: 400, field: 'format' });
  });
  it('opens inspections, records findings and recommendations and follows them up', async () => {
    const { fn, calls } = fake([{ status: 200, body: session }, { status: 201, body: { id: 2 } }, { status: 200, body: {} }, { status: 201, body: {} }, { status: 201, body: {} }, { status: 200, body: {} }, { status: 200, body: { items: [] } }]);
    const api = new ApiClient(fn);
    await api.whoAmI();
    await api.addInspection({ decision_number: '1', decision_date: '2023-02-20', issuing_body: 'b', subject: 's', scope: '62', period: '2019..2022', team: [{ title: 't', body: 'b', head: true }] });
    expect(calls[1].url).toBe('/api/v1/inspections');
    expect(calls[1].init.method).toBe('POST');
    expect(JSON.parse(String(calls[1].init.body)).team).toEqual([{ title: 't', body: 'b', head: true }]);
    await api.snapshotInspection(2);
    expect(calls[2].url).toBe('/api/v1/inspections/2/snapshot');
    expect((calls[2].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
    await api.addFinding(2, { text: 'f' });
    expect(calls[3].url).toBe('/api/v1/inspections/2/findings');
    await api.addRecommendation(2, { text: 'r', responsible_unit: '608', deadline: '2027-06-30' });
    expect(calls[4].url).toBe('/api/v1/inspections/2/recommendations');
    await api.followUp(7, { status: 'in_progress', evidence: 'KH 12' });
    expect(calls[5].url).toBe('/api/v1/recommendations/7');
    expect(calls[5].init.method).toBe('PATCH');
    expect(JSON.parse(String(calls[5].init.body))).toEqual({ status: 'in_progress', evidence: 'KH 12' });
    await api.recommendations({ inspection: 2, status: 'overdue' });
    expect(calls[6].url).toBe('/api/v1/recommendations?page_size=1000&inspection=2&status=overdue');
  });
});

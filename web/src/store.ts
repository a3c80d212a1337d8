// App-wide state: the session, the catalogue, the user's area and default period.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Catalog, DataSet, Element, Role, Session } from './types';

export interface AppState {
  session: Session;
  catalog: Catalog;
  elements: Map<string, Element>;
  /** The unit the user works on or reads (its scope, else its view scope, else the country). */
  area: string;
  /** The date the user's scope is defined on (e.g. 2022-12-31). */
  areaAsOf: string | null;
  /** The month to open screens on when none is chosen. */
  defaultMonth: string;
  signOut: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside the app');
  return s;
}

export const canEnter = (r: Role) => r === 'admin' || r === 'province-officer' || r === 'district-officer' || r === 'commune-officer';
export const canApprove = (r: Role) => r === 'admin' || r === 'province-officer' || r === 'district-officer';
/** Opening an inspection: administrators and province officers (the server answers 403 to others). */
export const canCreateInspection = (r: Role) => r === 'admin' || r === 'province-officer';
/** Freezing results, findings and recommendations: administrators, province officers and the
 *  members of that inspection's team. */
export const canWorkOnInspection = (s: Session, id: number) =>
  canCreateInspection(s.role) || (s.role === 'inspector' && s.inspection === id);
/** The inspection's details (GET /inspections/{id}) are not served to district and commune officers. */
export const canReadInspection = (r: Role) => r === 'admin' || r === 'province-officer' || r === 'inspector' || r === 'viewer';

export function dataSet(c: Catalog, code: string): DataSet | undefined {
  return c.data_sets.find((d) => d.code === code);
}

export function areaOf(s: Session): { code: string; asOf: string | null } {
  const sc = s.scope ?? s.view_scope;
  return sc ? { code: sc.code, asOf: sc.as_of } : { code: 'VN', asOf: null };
}

/** The level one below a unit's level on a date (districts ended on 2025-06-30). */
export function childLevel(level: string, date: string): string | null {
  switch (level) {
    case 'country': return 'province';
    case 'province': return date >= '2025-07-01' ? 'commune' : 'district';
    case 'district': return 'commune';
    case 'commune': return 'residential';
    default: return null;
  }
}

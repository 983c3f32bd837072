import type { CooperativeEvent } from '../../domain/cooperative/cooperative.ts';
import { type Catalog, type Envelope, type Stamp } from '../catalog.ts';

/** Cooperatives: registration, status, member counts. */
export function foldCooperative(c: Catalog, e: CooperativeEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'CooperativeRegistered':
      c.cooperatives.set(e.data.cooperativeId, { ...e.data, ...v, status: 'active', position: at.position });
      return;
    case 'CooperativeStatusChanged': {
      const x = c.cooperatives.get(e.data.cooperativeId);
      if (x) c.cooperatives.set(x.cooperativeId, { ...x, ...v, status: e.data.to });
      return;
    }
    case 'CooperativeMembersUpdated': {
      const x = c.cooperatives.get(e.data.cooperativeId);
      if (x) c.cooperatives.set(x.cooperativeId, { ...x, ...v, members: e.data.members });
      return;
    }
  }
}

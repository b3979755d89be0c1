import type { StateCreator } from 'zustand';
import type { Me } from '../api/auth.ts';
import type { AppState } from './types.ts';

export interface AuthSlice {
  /** The signed-in user, null when anonymous (undefined until the first /api/auth/me answers). */
  me: Me | null | undefined;
  loginOpen: boolean;
  auditOpen: boolean;
  setMe: (me: Me | null) => void;
  setLoginOpen: (open: boolean) => void;
  setAuditOpen: (open: boolean) => void;
}

/** Who is signed in, and the sign-in and audit dialogs. */
export const createAuthSlice: StateCreator<AppState, [], [], AuthSlice> = (set) => ({
  me: undefined,
  loginOpen: false,
  auditOpen: false,
  setMe: (me) => set({ me }),
  setLoginOpen: (loginOpen) => set({ loginOpen }),
  setAuditOpen: (auditOpen) => set({ auditOpen }),
});

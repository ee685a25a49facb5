/**
 * The office's letterhead (报表落款) as the pane reads it: once per token, kept for the session (app.officeProfile()).
 * Types only from the contract, so the first load carries no schema code for it.
 */
import type { OfficeProfile } from "../../../ledger/api/office-profile.ts";

/**
 * The letterhead as read for one token, for the whole session: every report asks, the Worker is asked once. A read
 * that failed is not kept (the next report asks again); a save replaces what is kept; another token reads afresh.
 */
export interface OfficeProfileCache {
  read(token: string, fetch: () => Promise<OfficeProfile>): Promise<OfficeProfile>;
  remember(token: string, profile: OfficeProfile): void;
}

export function createOfficeProfileCache(): OfficeProfileCache {
  let kept: { token: string; profile: Promise<OfficeProfile> } | null = null;
  return {
    read(token, fetch) {
      if (kept?.token === token) return kept.profile;
      const profile = fetch();
      const entry = { token, profile };
      kept = entry;
      profile.catch(() => {
        if (kept === entry) kept = null;
      });
      return profile;
    },
    remember(token, profile) {
      kept = { token, profile: Promise.resolve(profile) };
    },
  };
}

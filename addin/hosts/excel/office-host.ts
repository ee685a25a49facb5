/**
 * Whether the pane runs inside Excel, and what Office says about the display language and theme. The one place
 * that reads the `Office` global outside the Excel calls (office.js comes from Microsoft's CDN; offline or in a plain
 * browser it may be missing, and then the pane still opens).
 */
interface OfficeLike {
  onReady(): Promise<{ host: string | null }>;
  context?: { displayLanguage?: string; officeTheme?: Record<string, string> };
  HostType?: { Excel: string };
}

export interface OfficeHost {
  /** Office is there and the host is Excel. */
  inExcel: boolean;
  /** Office's display language, when Office is there. */
  displayLanguage: string | undefined;
  /** Office's theme colours, only inside Excel. */
  officeTheme: Record<string, string> | undefined;
}

export async function officeHost(): Promise<OfficeHost> {
  const office = (globalThis as unknown as { Office?: OfficeLike }).Office ?? null;
  if (!office) return { inExcel: false, displayLanguage: undefined, officeTheme: undefined };
  const info = await Promise.race([office.onReady(), new Promise<{ host: null }>((r) => setTimeout(() => r({ host: null }), 5_000))]);
  const inExcel = info.host !== null && info.host === (office.HostType?.Excel ?? "Excel");
  return { inExcel, displayLanguage: office.context?.displayLanguage, officeTheme: inExcel ? office.context?.officeTheme : undefined };
}

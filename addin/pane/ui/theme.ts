/** Follow Office's theme: Fluent's light or dark tokens, with Office's own body and control colours on top. */
export interface OfficeThemeColours {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
}

/** Relative luminance of "#rrggbb" (0 black … 1 white); null for anything else. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export interface PaneTheme {
  dark: boolean;
  /** Fluent token → colour, overriding the base theme so the pane matches Office around it. */
  overrides: Record<string, string>;
}

export function paneTheme(office: OfficeThemeColours | null | undefined): PaneTheme {
  const bg = luminance(office?.bodyBackgroundColor);
  const dark = bg !== null && bg < 0.2;
  const overrides: Record<string, string> = {};
  const hex = (s: string | undefined) => (s && luminance(s) !== null ? (s.startsWith("#") ? s : `#${s}`) : null);
  const body = hex(office?.bodyBackgroundColor);
  const text = hex(office?.bodyForegroundColor);
  const control = hex(office?.controlBackgroundColor);
  const controlText = hex(office?.controlForegroundColor);
  if (body) overrides.colorNeutralBackground1 = body;
  if (text) overrides.colorNeutralForeground1 = text;
  if (control) overrides.colorNeutralBackground3 = control;
  if (controlText) overrides.colorNeutralForeground2 = controlText;
  return { dark, overrides };
}

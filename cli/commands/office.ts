// `tiaojie office [--json]`: the office's letterhead for report forms (报表落款; any token);
// `tiaojie office --unit 某某区司法局 --contact 张三 --phone 0571-12345678`: the coordinator sets it as a new version.
// A field left out keeps its current value. Field names, limits and messages: ledger/api/office-profile.ts.
import {
  OFFICE_FIELD_INFO, OFFICE_PROFILE_FIELDS, readOfficeProfile, type OfficeLetterhead, type OfficeProfile,
} from "../../ledger/api/office-profile.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { parseOptions, UsageError } from "../lib/options.ts";

export const USAGE = `用法 Usage: tiaojie office [--json]
       tiaojie office [--unit 填报单位] [--contact 联系人] [--phone 联系电话] [--json]
  报表落款：各报表上的填报单位、联系人、联系电话 the office's letterhead printed on every report form
  --unit     填报单位，如 某某区司法局（最多 ${OFFICE_FIELD_INFO.filingUnit.max} 字） filing unit (at most ${OFFICE_FIELD_INFO.filingUnit.max} characters)
  --contact  联系人（最多 ${OFFICE_FIELD_INFO.contact.max} 字） contact person (at most ${OFFICE_FIELD_INFO.contact.max} characters)
  --phone    联系电话：手机号或带区号的固话，如 0571-12345678 a mobile or a landline with its area code
             设置须为协调员；未给出的项保留原值，保存为新的一版，旧版保留
             setting needs a coordinator; a field left out keeps its value; saved as a new version, earlier ones kept
  --json     打印服务器返回的落款 print the letterhead as the API returns it
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN)`;

/** How many terminal columns the text takes: a Chinese character two (the names here are Chinese, then ASCII). */
const columns = (s: string) => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);

/** The letterhead as a person reads it: each field's Chinese and English name and its value ("—" when not set). */
export function officeText(p: OfficeProfile): string {
  const who = p.version === 0
    ? "尚未设置，报表上留空 not set yet: forms leave it blank"
    : `第 ${p.version} 版 version ${p.version}${p.updatedAt ? `，${p.updatedBy ? (p.updatedBy.label ?? `#${p.updatedBy.tokenId}`) : "ADMIN_TOKEN"} ${p.updatedAt}` : ""}`;
  const names = OFFICE_PROFILE_FIELDS.map((f) => `${OFFICE_FIELD_INFO[f].zh} ${OFFICE_FIELD_INFO[f].en}`);
  const width = Math.max(...names.map(columns));
  const lines = [`报表落款 Letterhead for report forms（${who}）`];
  OFFICE_PROFILE_FIELDS.forEach((f, i) => lines.push(`  ${names[i]}${" ".repeat(width - columns(names[i]))}  ${p[f] === "" ? "—" : p[f]}`));
  return lines.join("\n") + "\n";
}

/** The fields given on the command line over the current ones, checked as the Worker checks them (wrong → UsageError). */
export function changedLetterhead(current: OfficeLetterhead, given: Partial<OfficeLetterhead>): OfficeLetterhead {
  const r = readOfficeProfile({ ...current, ...given });
  if (!r.ok) {
    const option = { filingUnit: "--unit", contact: "--contact", phone: "--phone" } as const;
    throw new UsageError(r.issues.map((i) => `${option[i.field]}: ${i.zh} ${i.en}`).join("\n"));
  }
  return r.value;
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseOptions(args, {
      unit: { type: "string" },
      contact: { type: "string" },
      phone: { type: "string" },
      json: { type: "boolean" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`多余的参数 Unexpected argument: ${positionals[0]}`);
    const given: Partial<OfficeLetterhead> = {};
    if (values.unit !== undefined) given.filingUnit = values.unit;
    if (values.contact !== undefined) given.contact = values.contact;
    if (values.phone !== undefined) given.phone = values.phone;
    const c = connection(values);
    const client = createClient(c.url, c.token);
    let p = await client.officeProfile();
    if (Object.keys(given).length > 0) {
      const letterhead = changedLetterhead(p, given);
      const before = p.version;
      p = await client.setOfficeProfile({ ...letterhead, baseVersion: before });
      if (!values.json) {
        process.stdout.write(p.version === before ? `未改变，仍为第 ${p.version} 版 Unchanged, still version ${p.version}\n` : `已保存为第 ${p.version} 版 Saved as version ${p.version}\n`);
      }
    }
    process.stdout.write(values.json ? JSON.stringify(p) + "\n" : officeText(p));
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}

/**
 * The office a report comes from (填报单位, 联系人, 联系电话: GET /api/office-profile), as layouts take it: a plain
 * optional value; each line is left to fill in by hand when the profile is not known.
 */
export interface OfficeProfile {
  filingUnit: string;
  contact: string;
  phone: string;
}

/** A line to write on by hand. */
export const FILL_IN = "＿＿＿＿＿＿＿＿";

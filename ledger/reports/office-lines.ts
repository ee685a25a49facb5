/**
 * The office's letterhead as every form prints it (填报单位, 联系人, 联系电话), set once by the coordinator and kept by
 * the Worker; a form without it leaves lines to fill by hand.
 */
export interface OfficeLines {
  filingUnit: string;
  contact: string;
  phone: string;
}

/** Why a file could not be read, in words a clerk can act on. Every command prints it and exits 2. */
export class WorkbookError extends Error {
  readonly code: "not_found" | "not_xlsx" | "encrypted" | "old_xls" | "corrupt" | "no_sheet" | "too_large";
  constructor(code: WorkbookError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

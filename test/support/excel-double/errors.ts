// Errors shaped like Office.js's OfficeExtension.Error (name "RichApi.Error", a code, debugInfo).
export class ExcelDoubleError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export function propertyNotLoaded(property: string, objectType: string): ExcelDoubleError {
  return new ExcelDoubleError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${objectType}.${property}`,
  );
}

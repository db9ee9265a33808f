import { invalidFormBody } from './errors.ts';

export type FieldPath = readonly (string | number)[];

interface FieldError {
  path: FieldPath;
  code: string;
  message: string;
}

/**
 * Collects field errors and nests them the way Discord does in a 50035 answer:
 * `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`.
 */
export class FormErrors {
  readonly #errors: FieldError[] = [];

  add(path: FieldPath, code: string, message: string): void {
    this.#errors.push({ path, code, message });
  }

  /** A string (or array) whose length must lie between min and max; absent is fine unless required. */
  length(path: FieldPath, value: unknown, limits: { min?: number; max: number; required?: boolean }): void {
    const { min = 0, max, required = false } = limits;
    if (value === undefined || value === null) {
      if (required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'string' && !Array.isArray(value)) {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return;
    }
    const { length } = value;
    if (length >= min && length <= max) return;
    if (min > 0) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    else this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  /** An integer that must lie between min and max when present. */
  range(path: FieldPath, value: unknown, min: number, max: number): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
    } else if (value < min) {
      this.add(path, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
    } else if (value > max) {
      this.add(path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
    }
  }

  get isEmpty(): boolean {
    return this.#errors.length === 0;
  }

  /** Throws a 400 Invalid Form Body (50035) when any error was collected. */
  throwIfAny(): void {
    if (this.isEmpty) return;
    const root: Record<string, unknown> = {};
    for (const { path, code, message } of this.#errors) {
      let node = root;
      for (const key of path) {
        node[key] ??= {};
        node = node[key] as Record<string, unknown>;
      }
      node._errors ??= [];
      (node._errors as unknown[]).push({ code, message });
    }
    throw invalidFormBody(root);
  }
}

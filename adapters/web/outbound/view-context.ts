import type { Visitor } from '../inbound/identity.ts';

/** A form that was refused: which one, the field at fault, the message to show beside it and what was typed. */
export interface FormProblem {
  formId: string;
  field: string;
  message: string;
  values: Record<string, string>;
  /** A poll form's controls as they were sent (field name to its values), shown again in place of the stored vote. */
  choices?: Record<string, string[]>;
}

export interface ViewContext {
  channel: string;
  csrf: string;
  visitor: Visitor | null;
  problem: FormProblem | null;
  /** A fresh id for each form on the page: the message id a submission will get (double submits count once). */
  nextId: () => string;
}

export function problemFor(view: ViewContext, formId: string): FormProblem | null {
  return view.problem?.formId === formId ? view.problem : null;
}

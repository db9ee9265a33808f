import { type Consultation, createConsultation } from '../../src/core/consultation/consultation.ts';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';

/** A consultation for tests that only read (pages, reports): no pipeline runs, so nothing may be handed to it. */
export function readingConsultation(deps: CoreDeps): Consultation {
  return createConsultation(deps, {
    submit: () => Promise.reject(new Error('this test runs no inbound pipeline')),
  });
}

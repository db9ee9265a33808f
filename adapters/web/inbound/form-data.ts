import type { Context } from 'hono';

/** A submitted form's text fields (files are ignored). Hono caches the parsed body, so reading twice is free. */
export interface FormFields {
  get(name: string): string | undefined;
  all(name: string): string[];
  names(): string[];
}

export async function formOf(c: Context): Promise<FormFields> {
  const type = c.req.header('content-type') ?? '';
  const body = /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type)
    ? await c.req.parseBody({ all: true })
    : {};
  const values = (name: string): string[] => {
    const value = body[name];
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.filter((v): v is string => typeof v === 'string');
  };
  return {
    get: (name) => values(name)[0],
    all: values,
    names: () => Object.keys(body),
  };
}

/** A same-site path to go back to after a form, or the fallback: never another site (no open redirect). */
export function safeBack(value: string | undefined, prefix: string, fallback: string): string {
  if (!value?.startsWith(prefix) || value.startsWith('//') || /[\\\s]/.test(value)) return fallback;
  return value;
}

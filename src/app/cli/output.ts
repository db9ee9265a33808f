/** Terminal output: colour only on a terminal, and never when NO_COLOR is set. */
const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

const wrap = (code: number) => (text: string) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);

export const paint = { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

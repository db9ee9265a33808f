import { chatTextPieces, zonedLabel } from '../../../src/core/chat-text.ts';
import { escapeHtml } from '../../../src/core/digest/format-escaping.ts';
import { type SafeHtml, trusted } from './html.ts';

/**
 * Agora's own chat text as the sandbox and dashboard show it: escaped, `code` spans as code, and each instant as
 * a `<time>` in the programme's zone, named (`Mon, 25 Jan 2027, 17:00 GMT`).
 */
export function chatHtml(text: string): SafeHtml {
  return trusted(
    chatTextPieces(text)
      .map((piece) =>
        'text' in piece
          ? escapeHtml(piece.text).replace(/`([^`\n]+)`/g, '<code>$1</code>')
          : `<time datetime="${piece.at.toISOString()}">${escapeHtml(zonedLabel(piece.at, piece.timeZone))}</time>`,
      )
      .join(''),
  );
}

import { extname } from 'node:path';
import { slackId } from './ids.ts';
import { nowSeconds } from './timestamps.ts';
import type { FileObject, Workspace } from './workspace.ts';

export interface Upload {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  bytes?: Buffer;
}

export interface NewFile {
  name: string;
  user: string;
  bytes: Buffer;
  title?: string;
  mimetype?: string;
  id?: string;
}

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Files shared in the workspace, and uploads reserved by files.getUploadURLExternal but not yet completed. */
export class FileStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly contents = new Map<string, Buffer>();

  constructor(
    private readonly baseUrl: string,
    private readonly workspace: Workspace,
  ) {}

  reserve(filename: string, length: number, altText?: string): { upload_url: string; file_id: string } {
    const id = slackId('F');
    this.uploads.set(id, { id, filename, length, altText });
    return { upload_url: `${this.baseUrl}/upload/v1/${id}`, file_id: id };
  }

  receive(id: string, bytes: Buffer): boolean {
    const upload = this.uploads.get(id);
    if (!upload) return false;
    upload.bytes = bytes;
    return true;
  }

  upload(id: string): Upload | undefined {
    return this.uploads.get(id);
  }

  create(file: NewFile): FileObject {
    const id = file.id ?? slackId('F');
    this.contents.set(id, file.bytes);
    const extension = extname(file.name).toLowerCase();
    const privateUrl = `${this.baseUrl}/files-pri/${this.workspace.teamId}-${id}/${encodeURIComponent(file.name)}`;
    return {
      id,
      created: nowSeconds(),
      timestamp: nowSeconds(),
      name: file.name,
      title: file.title ?? file.name,
      mimetype: file.mimetype ?? MIME_TYPES[extension] ?? 'application/octet-stream',
      filetype: extension.slice(1) || 'binary',
      pretty_type: extension.slice(1).toUpperCase() || 'Binary',
      user: file.user,
      user_team: this.workspace.teamId,
      editable: false,
      size: file.bytes.length,
      mode: 'hosted',
      is_external: false,
      external_type: '',
      is_public: true,
      public_url_shared: false,
      display_as_bot: false,
      url_private: privateUrl,
      url_private_download: `${privateUrl}?download=1`,
      permalink: `https://${this.workspace.teamDomain}.slack.com/files/${file.user}/${id}/${encodeURIComponent(file.name)}`,
    };
  }

  /** The bytes behind a `url_private` path, or undefined for an unknown file. */
  contentAt(path: string): Buffer | undefined {
    const match = /^\/files-pri\/[^-/]+-([^/]+)\//.exec(path);
    return match?.[1] === undefined ? undefined : this.contents.get(match[1]);
  }
}

import { AgoraError } from '../../src/core/errors.ts';
import type { ResponseRepository, Store } from '../../src/core/ports/store.ts';
import type { ParticipantRecord, PostingRecord, QuestionRecord } from '../../src/core/records.ts';
import { PrismaAuditRepository, PrismaProcessedEventRepository } from './audit-repository.ts';
import { PrismaChannelRepository, PrismaPostingRepository } from './channel-repositories.ts';
import { type DatabaseTarget, maskDatabaseUrl, parseDatabaseUrl } from './database-url.ts';
import { PrismaDigestRepository } from './digest-repository.ts';
import { PrismaEmailOptOutRepository } from './email-opt-out-repository.ts';
import { PrismaErasureRepository } from './erasure-repository.ts';
import { SqliteInboxAppender } from './inbox-appender.ts';
import { PrismaInboxRepository } from './inbox-repository.ts';
import { PrismaInstallationRepository } from './installation-repository.ts';
import { PrismaJobRepository } from './job-repository.ts';
import { migrate } from './migrations.ts';
import { PrismaParticipantRepository, type PseudonymSource } from './participant-repository.ts';
import { type AgoraPrismaClient, createPrismaClient } from './prisma-client.ts';
import { PrismaProgrammeRepository } from './programme-repository.ts';
import { PrismaQuestionRepository } from './question-repository.ts';
import { RawSql } from './raw-sql.ts';
import { PrismaReportingRepository } from './reporting-repository.ts';
import { PrismaResponseRepository } from './response-repository.ts';
import { PrismaRosterRepository } from './roster-repository.ts';
import { RowScanner } from './row-scan.ts';
import { RowScanThreads } from './row-scan-threads.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import { PrismaSummaryRepository } from './summary-repository.ts';
import { TransactionResponses } from './transaction-responses.ts';
import type { TransactionCache, TtlCache } from './ttl-cache.ts';
import { PrismaVoteRepository } from './vote-repository.ts';

export interface StoreOptions {
  /** Where new participants' pseudonyms come from (random by default; tests force collisions with it). */
  pseudonyms?: PseudonymSource;
}

/** What the store remembers of rows read on every inbound event; a transaction reads through them. */
interface Caches {
  postings: TtlCache<PostingRecord>;
  questions: TtlCache<QuestionRecord>;
  participants: TtlCache<ParticipantRecord>;
}

/** How the store reaches its database beyond the Prisma client, and whether it is a transaction's view. */
interface StoreParts {
  /** On SQLite, the connection the inbound path's statements are sent to directly. */
  sqlite?: SqliteConnection | null;
  /** On SQLite, the inbox's own connection for appends (see SqliteInboxAppender); none inside a transaction. */
  appender?: SqliteInboxAppender | null;
  /** On SQLite, the threads large scans for reports run on (see RowScanThreads). */
  scanThreads?: RowScanThreads | null;
  caches?: Caches;
  /** Whether `db` is a transaction's client. */
  inTransaction?: boolean;
}

/** How long a batch's transaction may wait for the database, and run, before it is given up (and rolled back). */
const TRANSACTION_LIMITS = { maxWait: 5_000, timeout: 15_000 };

/** The core's repositories over one Prisma client, on SQLite or PostgreSQL. */
export class PrismaStore implements Store {
  readonly programmes;
  readonly questions;
  readonly channels;
  readonly postings;
  readonly participants;
  readonly responses: ResponseRepository;
  readonly votes;
  readonly audit;
  readonly jobs;
  readonly processedEvents;
  readonly inbox;
  readonly installations;
  readonly reporting;
  readonly digests;
  readonly summaries;
  readonly erasure;
  readonly emailOptOuts;
  readonly roster;
  /** The store's statements sent as written (in its transaction, for a transaction's view). */
  protected readonly raw: RawSql;

  constructor(
    readonly db: AgoraPrismaClient,
    readonly target: DatabaseTarget,
    private readonly options: StoreOptions = {},
    private readonly parts: StoreParts = {},
  ) {
    const { sqlite = null, appender = null, scanThreads = null, caches } = parts;
    const raw = new RawSql(db, target, sqlite, parts.inTransaction ?? false);
    this.raw = raw;
    this.programmes = new PrismaProgrammeRepository(db);
    this.questions = new PrismaQuestionRepository(db, caches?.questions);
    this.channels = new PrismaChannelRepository(db);
    this.postings = new PrismaPostingRepository(db, caches?.postings);
    this.participants = new PrismaParticipantRepository(db, raw, options.pseudonyms, caches?.participants);
    this.responses = new PrismaResponseRepository(db, raw);
    this.votes = new PrismaVoteRepository(db, new RowScanner(target));
    this.audit = new PrismaAuditRepository(db);
    this.jobs = new PrismaJobRepository(db, target);
    this.processedEvents = new PrismaProcessedEventRepository(db);
    this.inbox = new PrismaInboxRepository(db, target, raw, appender);
    this.installations = new PrismaInstallationRepository(db);
    this.reporting = new PrismaReportingRepository(new RowScanner(target, scanThreads));
    this.digests = new PrismaDigestRepository(db);
    this.summaries = new PrismaSummaryRepository(raw);
    this.erasure = new PrismaErasureRepository(db);
    this.emailOptOuts = new PrismaEmailOptOutRepository(db);
    this.roster = new PrismaRosterRepository(db);
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    const caches = {
      postings: this.postings.byRef.layer(),
      questions: this.questions.byId.layer(),
      participants: this.participants.byIdentity.layer(),
    };
    const result = await this.db.$transaction(async (client) => {
      const view = new TransactionStore(client as AgoraPrismaClient, this.target, this.options, {
        sqlite: this.parts.sqlite ?? null,
        scanThreads: this.parts.scanThreads ?? null,
        caches,
        inTransaction: true,
      });
      const value = await work(view);
      await view.responses.flush();
      return value;
    }, TRANSACTION_LIMITS);
    for (const cache of Object.values<TransactionCache<unknown>>(caches)) cache.publish();
    return result;
  }

  async ping(): Promise<void> {
    await this.db.$queryRawUnsafe('SELECT 1');
  }

  async close(): Promise<void> {
    await this.parts.appender?.close();
    await this.parts.scanThreads?.close();
    await this.db.$disconnect();
  }
}

/** The store inside one of its transactions (see `Store.transaction`). */
class TransactionStore extends PrismaStore {
  override readonly responses: TransactionResponses;

  constructor(db: AgoraPrismaClient, target: DatabaseTarget, options: StoreOptions, parts: StoreParts) {
    super(db, target, options, parts);
    this.responses = new TransactionResponses(new PrismaResponseRepository(db, this.raw));
  }

  override transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return work(this);
  }
}

/** Opens the store named by DATABASE_URL, creating and migrating the database first. */
export async function openStore(
  databaseUrl: string,
  options: { migrate?: boolean } & StoreOptions = {},
): Promise<PrismaStore> {
  const target = parseDatabaseUrl(databaseUrl);
  try {
    if (options.migrate !== false) await migrate(target);
    const { client, sqlite } = await createPrismaClient(target);
    const appender = target.provider === 'sqlite' ? new SqliteInboxAppender(target.file) : null;
    const scanThreads = target.provider === 'sqlite' ? new RowScanThreads(target.file) : null;
    const store = new PrismaStore(
      client,
      target,
      { pseudonyms: options.pseudonyms },
      { sqlite, appender, scanThreads },
    );
    await store.ping();
    appender?.start();
    return store;
  } catch (error) {
    if (error instanceof AgoraError) throw error;
    throw new AgoraError(
      'DATABASE_UNREACHABLE',
      `Cannot open the database at ${maskDatabaseUrl(databaseUrl)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`,
      {},
      { cause: error },
    );
  }
}

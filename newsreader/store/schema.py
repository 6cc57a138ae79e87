"""The database schema and its migrations, keyed by `PRAGMA user_version`.

Each migration is a script that upgrades version N-1 to N; a database is upgraded in one
transaction, after a backup copy of the file is made (see `Store._migrate`).
"""

from __future__ import annotations

SCHEMA_VERSION = 10

SCHEMA_V1 = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    location TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'local',
    added_at INTEGER NOT NULL,
    refreshed_at INTEGER,
    last_error TEXT
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    source_name TEXT NOT NULL,
    title TEXT NOT NULL,
    published INTEGER,
    sort_key INTEGER NOT NULL,
    dateline TEXT,
    link TEXT,
    author TEXT,
    location TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    added_at INTEGER NOT NULL,
    UNIQUE (source_id, guid)
);
CREATE TABLE bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    body TEXT NOT NULL
);
CREATE INDEX articles_by_date ON articles (sort_key DESC, id DESC);
CREATE INDEX articles_unread_by_date ON articles (read, sort_key DESC, id DESC);
CREATE INDEX articles_by_source ON articles (source_id, sort_key DESC, id DESC);
"""

# Each entry upgrades the schema from version N-1 to N (index 0 builds version 1 from nothing).
# Version 2: feeds fetched over HTTP (conditional GET, Retry-After, OPML category), the quotes of
# every article (speakers view), and a contentless FTS5 index for search. `indexed` marks the
# articles whose quotes and search entry are up to date, so an upgrade can fill them in later.
SCHEMA_V2 = """
ALTER TABLE sources ADD COLUMN etag TEXT;
ALTER TABLE sources ADD COLUMN last_modified TEXT;
ALTER TABLE sources ADD COLUMN not_before INTEGER;
ALTER TABLE sources ADD COLUMN category TEXT;
ALTER TABLE articles ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_unindexed ON articles (id) WHERE indexed = 0;
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    text TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX quotes_by_article ON quotes (article_id, position);
CREATE INDEX quotes_by_speaker ON quotes (speaker COLLATE NOCASE, article_id)
    WHERE speaker IS NOT NULL;
CREATE VIRTUAL TABLE article_search USING fts5 (
    title, body, quotes, speakers, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Version 3: where the reader left each article, so reopening it returns there.
SCHEMA_V3 = """
CREATE TABLE reading_offsets (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    offset_y INTEGER NOT NULL
);
"""

# Version 4: article bodies keep their structure (blocks, links, enclosures) as JSON beside the
# plain text that search reads; local sources are keyed by their resolved path instead of the
# folder's name (rekeyed in Python after this script: `Store._rekey_local_sources`); sources
# are found by location without a scan. Search no longer waits for quotes: `indexed` now means
# "has its search row" (written with the article), and `quotes_version` is the extractor
# version whose quotes are stored (0: none yet; rows indexed before are version 1, stale).
SCHEMA_V4 = """
ALTER TABLE bodies ADD COLUMN document TEXT;
CREATE INDEX IF NOT EXISTS sources_by_location ON sources (location);
ALTER TABLE articles ADD COLUMN quotes_version INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET quotes_version = 1 WHERE indexed = 1;
INSERT INTO article_search (rowid, title, body, quotes, speakers)
    SELECT a.id, a.title, coalesce(b.body, ''), '', '' FROM articles a
    LEFT JOIN bodies b ON b.article_id = a.id WHERE a.indexed = 0;
UPDATE articles SET indexed = 1 WHERE indexed = 0;
CREATE INDEX articles_by_quotes_version ON articles (quotes_version, sort_key DESC, id DESC)
"""

# Version 5: per-feed settings (NULL: the config's value), full text fetched from each entry's
# page, and the time of the last refresh that succeeded (beside the last attempt's error).
# When a page's main text replaces the feed's body, `bodies.summary`/`summary_document` keep
# what the feed sent (NULL: the body is the feed's own); `pages` records each page fetch.
SCHEMA_V5 = """
ALTER TABLE sources ADD COLUMN title_override TEXT;
ALTER TABLE sources ADD COLUMN refresh_minutes INTEGER;
ALTER TABLE sources ADD COLUMN keep_days INTEGER;
ALTER TABLE sources ADD COLUMN keep_per_feed INTEGER;
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN succeeded_at INTEGER;
UPDATE sources SET succeeded_at = refreshed_at WHERE last_error IS NULL;
ALTER TABLE bodies ADD COLUMN summary TEXT;
ALTER TABLE bodies ADD COLUMN summary_document TEXT;
CREATE TABLE pages (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    fetched_at INTEGER,
    etag TEXT,
    last_modified TEXT,
    error TEXT
)
"""

# Version 6: sync with a Google Reader API server (FreshRSS, Miniflux, ...). `sync_items` maps
# the server's item id (one signed 64-bit integer, whichever of its two spellings the server
# used) to the article, with the read and starred state the server had when last seen.
# `sync_changes` queues local state changes for the server, one row per item and flag (the
# latest wins); the triggers write it in the same transaction as the change itself, whatever
# path made it, and drop it when the state returns to the server's. `sync_state` holds the
# account's bookkeeping (which account, when the server's state was last seen).
SCHEMA_V6 = """
CREATE TABLE sync_items (
    item_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    server_read INTEGER NOT NULL,
    server_starred INTEGER NOT NULL
);
CREATE TABLE sync_changes (
    item_id INTEGER NOT NULL,
    flag TEXT NOT NULL,
    value INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, flag)
);
CREATE TABLE sync_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON articles
WHEN old.read IS NOT new.read
BEGIN
    DELETE FROM sync_changes WHERE flag = 'read'
        AND item_id = (SELECT item_id FROM sync_items WHERE article_id = new.id);
    INSERT INTO sync_changes (item_id, flag, value, changed_at)
        SELECT item_id, 'read', new.read,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
        FROM sync_items WHERE article_id = new.id AND server_read IS NOT new.read;
END;
CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON articles
WHEN old.starred IS NOT new.starred
BEGIN
    DELETE FROM sync_changes WHERE flag = 'starred'
        AND item_id = (SELECT item_id FROM sync_items WHERE article_id = new.id);
    INSERT INTO sync_changes (item_id, flag, value, changed_at)
        SELECT item_id, 'starred', new.starred,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
        FROM sync_items WHERE article_id = new.id AND server_starred IS NOT new.starred;
END
"""

SCHEMA_V7 = """
-- The web page a feed belongs to (OPML `htmlUrl`, a feed's own `<link>`), kept for export.
ALTER TABLE sources ADD COLUMN site_url TEXT;
"""

# Version 8: what each file of a local folder was when it was last read (size, modification
# time, the reader's version) and the error lines it gave, so a rescan skips files that have
# not changed and still reports the ones that are broken.
SCHEMA_V8 = """
CREATE TABLE local_files (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    modified_ns INTEGER NOT NULL,
    reader TEXT NOT NULL,
    errors TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, path)
) WITHOUT ROWID
"""

# Version 9: a local read/star change is queued for the sync server even when it returns the
# flag to the server's last known state. Dropping it lost the user's latest decision when the
# server changed the same flag meanwhile (read here, unread here, read on the phone: unread
# must win when it was the latest); the sync drops queued changes equal to the server's state.
SCHEMA_V9 = """
DROP TRIGGER sync_queue_read;
DROP TRIGGER sync_queue_starred;
CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON articles
WHEN old.read IS NOT new.read
BEGIN
    INSERT OR REPLACE INTO sync_changes (item_id, flag, value, changed_at)
        SELECT item_id, 'read', new.read,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
        FROM sync_items WHERE article_id = new.id;
END;
CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON articles
WHEN old.starred IS NOT new.starred
BEGIN
    INSERT OR REPLACE INTO sync_changes (item_id, flag, value, changed_at)
        SELECT item_id, 'starred', new.starred,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
        FROM sync_items WHERE article_id = new.id;
END
"""

# Version 10: each source's article and unread counts, kept by triggers in the transaction of
# every insert, delete and read change, so the list header and the sources pane read them
# instead of counting a million rows (80 ms a keypress at 1,000,000 articles).
SCHEMA_V10 = """
CREATE TABLE source_counts (
    source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    total INTEGER NOT NULL,
    unread INTEGER NOT NULL
);
INSERT INTO source_counts (source_id, total, unread)
    SELECT source_id, count(*), sum(read = 0) FROM articles GROUP BY source_id;
CREATE TRIGGER source_counts_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO source_counts (source_id, total, unread) VALUES (new.source_id, 1, new.read = 0)
    ON CONFLICT (source_id) DO UPDATE SET total = total + 1, unread = unread + (new.read = 0);
END;
CREATE TRIGGER source_counts_delete AFTER DELETE ON articles
BEGIN
    UPDATE source_counts SET total = total - 1, unread = unread - (old.read = 0)
    WHERE source_id = old.source_id;
END;
CREATE TRIGGER source_counts_update AFTER UPDATE OF read, source_id ON articles
WHEN old.read IS NOT new.read OR old.source_id IS NOT new.source_id
BEGIN
    UPDATE source_counts SET total = total - 1, unread = unread - (old.read = 0)
    WHERE source_id = old.source_id;
    INSERT INTO source_counts (source_id, total, unread) VALUES (new.source_id, 1, new.read = 0)
    ON CONFLICT (source_id) DO UPDATE SET total = total + 1, unread = unread + (new.read = 0);
END
"""

MIGRATIONS: tuple[str, ...] = (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_V5,
    SCHEMA_V6,
    SCHEMA_V7,
    SCHEMA_V8,
    SCHEMA_V9,
    SCHEMA_V10,
)

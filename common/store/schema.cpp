// schema.cpp - the store's tables and the settings of every connection.
//
// The schema is a list of migrations; PRAGMA user_version counts the ones a
// database has had. A change to the schema is a new entry at the end of the
// list, never an edit of an old one: a database written by an older smsgated
// is brought up to date when it is opened, and one written by a newer
// smsgated is refused rather than misread.
//
// States are stored as words ('queued', 'sent') so that an administrator can
// read the file with sqlite3(1); CHECK constraints keep them to the known ones.
#include "store/schema.hpp"

#include <chrono>
#include <thread>

#include "store/statement.hpp"

#include <sqlite3.h>

#include <iterator>
#include <string>

namespace smsgate::store::detail {

namespace {

// Long enough to ride out another thread's or process's transaction (each is
// a handful of rows and one fsync), short enough that a stuck peer shows up
// as an error instead of a hang.
constexpr int busy_timeout_ms = 5000;

constexpr const char* migrations[] = {
    // 1: jobs, their parts, events, incoming SMS and incoming parts.
    R"sql(
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    queue_id    TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    number      TEXT NOT NULL,
    sender      TEXT NOT NULL,
    from_name   TEXT NOT NULL,
    to_name     TEXT NOT NULL,
    notify      TEXT NOT NULL,
    text        TEXT NOT NULL,
    state       TEXT NOT NULL
                CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'deferred')),
    modem       TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  INTEGER NOT NULL DEFAULT 0,
    dsn         TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    concat_ref  INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    UNIQUE (queue_id, recipient, message_id)
);
CREATE INDEX jobs_by_state ON jobs (state, not_before, created);

CREATE TABLE parts (
    id            INTEGER PRIMARY KEY,
    job           INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    pdu_hex       TEXT NOT NULL,
    tpdu_length   INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    mr            INTEGER CHECK (mr BETWEEN 0 AND 255),
    modem         TEXT NOT NULL DEFAULT '',
    sent_at       INTEGER NOT NULL DEFAULT 0,
    report_status INTEGER,
    report_final  INTEGER NOT NULL DEFAULT 0,
    report_at     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (job, seq)
);
-- Status report matching: sent parts still waiting for a final report.
CREATE INDEX parts_waiting ON parts (modem, mr, sent_at)
    WHERE state = 'sent' AND report_final = 0;

CREATE TABLE events (
    id    INTEGER PRIMARY KEY,
    job   INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    time  INTEGER NOT NULL,
    what  TEXT NOT NULL
);
CREATE INDEX events_by_job ON events (job, id);

CREATE TABLE incoming (
    id        INTEGER PRIMARY KEY,
    modem     TEXT NOT NULL,
    storage   TEXT NOT NULL,
    slot      INTEGER NOT NULL,        -- storage index, -1 when routed
    pdu_hex   TEXT NOT NULL,
    mti       INTEGER,                 -- TP-MTI of the PDU, NULL if unreadable
    state     TEXT NOT NULL CHECK (state IN ('fresh', 'handed', 'deleted')),
    received  INTEGER NOT NULL
);
-- A storage slot read again (after a restart) is the same message until it
-- was deleted from the modem; routed messages have no slot to compare.
CREATE UNIQUE INDEX incoming_slot ON incoming (modem, storage, slot, pdu_hex)
    WHERE slot >= 0 AND state <> 'deleted';
CREATE INDEX incoming_by_state ON incoming (state, modem);

CREATE TABLE incoming_parts (
    modem       TEXT NOT NULL,
    originator  TEXT NOT NULL,
    ref         INTEGER NOT NULL,
    ref_bits    INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    scts        INTEGER NOT NULL,
    received    INTEGER NOT NULL,
    PRIMARY KEY (modem, originator, ref, ref_bits, total, seq)
);
)sql",

    // 2: the language of a job's mails, the SCTS zone of incoming parts, the
    // part a status report matched, the reports decided per job, the mails
    // waiting for sendmail(1), and jobs by number for reply routing.
    R"sql(
ALTER TABLE jobs ADD COLUMN language TEXT NOT NULL DEFAULT '';
-- Reply routing: the latest job to a number.
CREATE INDEX jobs_by_number ON jobs (number, created);

-- Minutes east of UTC; 0 for parts kept before the zone was.
ALTER TABLE incoming_parts ADD COLUMN zone_minutes INTEGER NOT NULL DEFAULT 0;

-- The part a status report matched, once it did: handed on again, the
-- report is about the same part.
ALTER TABLE incoming ADD COLUMN part INTEGER REFERENCES parts (id) ON DELETE SET NULL;
CREATE INDEX incoming_by_part ON incoming (part) WHERE part IS NOT NULL;

CREATE TABLE reports (
    job     INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind IN ('network', 'handset', 'trying', 'failed')),
    detail  TEXT NOT NULL,
    time    INTEGER NOT NULL,
    PRIMARY KEY (job, kind)
);

-- Mails for sendmail(1). A sent mail keeps its row (without the message)
-- until pruned, so that its key still says it was written. job is what the
-- mail reports on, without a foreign key: a mail outlives its job.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    key             TEXT UNIQUE NOT NULL,
    job             INTEGER,
    envelope_sender TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    message         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sent')),
    created         INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_try        INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due ON outbox (next_try, id) WHERE state = 'queued';
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE state = 'sent';
)sql",

    // 3: what a long SMS delivered incomplete needs: whether its originator
    // is a name, and the incoming row each part came in (to tell a set whose
    // last row waits to be handed on again, or was mailed already); and the
    // recent sent jobs, for the report sweeps.
    R"sql(
ALTER TABLE incoming_parts ADD COLUMN alphanumeric INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incoming_parts ADD COLUMN incoming_row INTEGER;
CREATE INDEX jobs_sent_by_update ON jobs (updated) WHERE state = 'sent';
)sql",

    // 4: parts in doubt. A part whose AT+CMGS was under way when the worker
    // died, the link dropped, or the commit of its MR failed may have gone
    // out: when its send began, since when it is in doubt (0: it is not),
    // and how often a part in doubt was sent again. Unmatched status
    // reports, by modem and time, are where a part in doubt looks for its own.
    R"sql(
ALTER TABLE parts ADD COLUMN sending_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE parts ADD COLUMN doubt_since INTEGER NOT NULL DEFAULT 0;
ALTER TABLE parts ADD COLUMN doubt_resends INTEGER NOT NULL DEFAULT 0;
CREATE INDEX incoming_unmatched_reports ON incoming (modem, received) WHERE mti = 2 AND part IS NULL;
)sql",

    // 5: a sender may use one concatenation reference for two messages at
    // once: a part whose place is taken by another text is kept as part of
    // another copy of the set instead of being dropped. The key gains the
    // copy, so the table is made again (SQLite cannot change a key).
    R"sql(
CREATE TABLE incoming_parts_5 (
    modem        TEXT NOT NULL,
    originator   TEXT NOT NULL,
    ref          INTEGER NOT NULL,
    ref_bits     INTEGER NOT NULL,
    total        INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    scts         INTEGER NOT NULL,
    received     INTEGER NOT NULL,
    zone_minutes INTEGER NOT NULL DEFAULT 0,
    alphanumeric INTEGER NOT NULL DEFAULT 0,
    incoming_row INTEGER,
    copy         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (modem, originator, ref, ref_bits, total, copy, seq)
);
INSERT INTO incoming_parts_5 (modem, originator, ref, ref_bits, total, seq, text, scts, received, zone_minutes,
                              alphanumeric, incoming_row, copy)
    SELECT modem, originator, ref, ref_bits, total, seq, text, scts, received, zone_minutes, alphanumeric,
           incoming_row, 0 FROM incoming_parts;
DROP TABLE incoming_parts;
ALTER TABLE incoming_parts_5 RENAME TO incoming_parts;
)sql",

    // 6: a job's key and its Message-ID apart. message_id held the key: the
    // Message-ID, or "sha256:" and the digest of a mail without one. It
    // becomes mail_key, unchanged (a delivery tried again still finds its
    // job), and message_id is the Message-ID alone, for threading: what the
    // key says, unless the key is a digest.
    R"sql(
ALTER TABLE jobs RENAME COLUMN message_id TO mail_key;
ALTER TABLE jobs ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
UPDATE jobs SET message_id = mail_key WHERE substr(mail_key, 1, 7) <> 'sha256:';
)sql",

    // 7: a part keeps its TPDU alone; the SMSC goes in front when it is
    // sent, the one of the modem that sends it (sms/cmgs_pdu.hpp). The
    // PDUs kept so far had the worker's SMSC (or 00) in front: their last
    // tpdu_length octets are the TPDU.
    R"sql(
ALTER TABLE parts RENAME COLUMN pdu_hex TO tpdu_hex;
UPDATE parts SET tpdu_hex = substr(tpdu_hex, length(tpdu_hex) - 2 * tpdu_length + 1)
    WHERE length(tpdu_hex) > 2 * tpdu_length;
)sql",

    // 8: a modem's send limits count the parts it sent in the last hour and
    // day: its sent parts by time.
    R"sql(
CREATE INDEX parts_sent_by_modem ON parts (modem, sent_at) WHERE state = 'sent';
)sql",
};

constexpr int latest_version = static_cast<int>(std::size(migrations));

Result<int> user_version(sqlite3* db, const char* op)
{
    auto st = Statement::prepare(db, op, "PRAGMA user_version");
    if (!st)
        return st.error();
    auto version = st->single_int();
    if (!version)
        return version.error();
    return static_cast<int>(*version);
}


// Applies the migrations after `from` up to `to` inside the caller's
// transaction.
Status apply_migrations(sqlite3* db, int from, int to)
{
    for (int version = from; version < to; ++version) {
        if (auto done = exec(db, "migrate", migrations[version]); !done)
            return make_error("migrate", "to version " + std::to_string(version + 1) + ": " + done.error().message);
    }
    std::string set = "PRAGMA user_version = " + std::to_string(to);
    return exec(db, "migrate", set.c_str());
}

Error too_new(int version)
{
    return make_error("migrate", "database schema version " + std::to_string(version) +
                                     " is newer than this program's (" + std::to_string(latest_version) + ")");
}

} // namespace

Status set_journal_mode_wal(sqlite3* db, bool in_memory)
{
    // Two connections that open a new file at once race to switch it to
    // WAL: the loser gets SQLITE_BUSY or the old mode back, without the
    // busy handler. The switch happens once per file; trying again shortly
    // finds it done.
    constexpr int attempts = 100;
    constexpr auto pause = std::chrono::milliseconds(20);
    std::string mode;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        if (attempt > 0)
            std::this_thread::sleep_for(pause);
        // The first statement reads the file: "file is not a database" shows here.
        auto st = Statement::prepare(db, "journal_mode", "PRAGMA journal_mode = WAL");
        if (!st)
            return st.error();
        auto row = st->step();
        if (!row) {
            if ((sqlite3_extended_errcode(db) & 0xFF) == SQLITE_BUSY)
                continue;
            return row.error();
        }
        mode = *row ? st->text(0) : std::string();
        if (mode == "wal" || (in_memory && mode == "memory"))
            return Done{};
    }
    return make_error("journal_mode", "cannot use WAL (journal mode is '" + mode + "')");
}

int schema_version()
{
    return latest_version;
}

Status configure(sqlite3* db)
{
    sqlite3_extended_result_codes(db, 1);
    if (sqlite3_busy_timeout(db, busy_timeout_ms) != SQLITE_OK)
        return db_error(db, "busy_timeout");
    // The first statement reads the file: "file is not a database" shows here.
    if (auto done = exec(db, "foreign_keys", "PRAGMA foreign_keys = ON"); !done)
        return done;
    if (auto done = set_journal_mode_wal(db); !done)
        return done;
    // Every commit reaches the disk before the call returns: the worker tells
    // the transport or the modem only after a commit.
    return exec(db, "synchronous", "PRAGMA synchronous = FULL");
}

Status migrate(sqlite3* db)
{
    return migrate_to(db, latest_version);
}

Status migrate_to(sqlite3* db, int target)
{
    if (target < 1 || target > latest_version)
        return make_error("migrate", "no schema version " + std::to_string(target));
    auto version = user_version(db, "migrate");
    if (!version)
        return version.error();
    if (*version > latest_version)
        return too_new(*version);
    if (*version >= target)
        return Done{};
    return write_transaction<Done>(db, "migrate", [&]() -> Status {
        // Another connection may have migrated while this one waited.
        auto now = user_version(db, "migrate");
        if (!now)
            return now.error();
        if (*now > latest_version)
            return too_new(*now);
        if (*now >= target)
            return Done{};
        return apply_migrations(db, *now, target);
    });
}

} // namespace smsgate::store::detail

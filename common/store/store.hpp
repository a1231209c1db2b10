// store.hpp - the modem worker's state in SQLite (WAL): the only state that
// survives a restart. Jobs (one per Postfix delivery, keyed for idempotency),
// their parts with message references and status reports, incoming SMS and
// status reports until they are handed on and deleted from the modem, parts
// of long incoming messages until complete, and an event history per job.
//
// Every mutating call is one transaction, committed before it returns: the
// caller may tell the outside world only after the call returned. A Store is
// used from one thread; each thread opens its own Store on the same file.
#pragma once

#include "checks/notify.hpp"
#include "util/result.hpp"
#include "verdict/verdict.hpp"

#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;

namespace smsgate::store {

using Id = std::int64_t;
using Seconds = std::int64_t; // Unix time

// The time now, as the store records times.
inline Seconds clock_now()
{
    return static_cast<Seconds>(std::time(nullptr));
}

// queued: waiting for a modem; sending: a part is being sent; sent: every part
// got +CMGS; failed: permanent failure; deferred: temporary failure after the
// worker's own retries (a resubmission of the same key queues it again).
enum class JobState { queued, sending, sent, failed, deferred };
// pending: not sent; sending: AT+CMGS under way (after a crash: unknown);
// sent: +CMGS with an MR; failed: a permanent error for this part.
enum class PartState { pending, sending, sent, failed };

std::string_view job_state_name(JobState s);
std::string_view part_state_name(PartState s);

// What tells one delivery from another: Postfix's queue id and recipient,
// and the mail's own key (a queue id may come again for another mail).
struct JobKey {
    std::string queue_id;
    std::string recipient;  // the envelope recipient, as Postfix gave it
    std::string mail_key;   // the Message-ID, or a digest of a mail without one (mail/digest.hpp)
};

struct NewJob {
    JobKey key;
    std::string number;      // E.164, "+32477324847"
    std::string sender;      // envelope sender, may be empty (a bounce)
    std::string from_name;   // display names from the From and To headers
    std::string to_name;
    policy::NotifyLevel notify = policy::NotifyLevel::failure;
    std::string text;        // UTF-8, the SMS text as it will be sent
    std::string modem_hint;  // preferred modem, may be empty
    std::string language;    // of the mails back to the sender ("nl"); empty: the default
    std::string message_id;  // the mail's Message-ID without "<>", for threading; may be empty
};

struct Part {
    Id id = 0;
    Id job = 0;
    int seq = 1;             // 1-based
    std::string tpdu_hex;    // the TPDU, without an SMSC address (sms::cmgs_pdu_hex puts one in front)
    int tpdu_length = 0;
    PartState state = PartState::pending;
    std::optional<int> mr;
    std::string modem;       // the modem that sent it
    Seconds sent_at = 0;
    std::optional<int> report_status; // TP-ST of the last status report
    Seconds report_at = 0;
    Seconds sending_at = 0;  // when its last AT+CMGS began
    // In doubt since then (0: not in doubt): its AT+CMGS was under way when
    // the worker died, the link dropped, or the commit of its MR failed.
    // Such a part is pending, and may have gone out.
    Seconds doubt_since = 0;
    int doubt_resends = 0;   // times it was sent again while in doubt

    bool in_doubt() const { return state == PartState::pending && doubt_since > 0; }
};

struct Job {
    Id id = 0;
    JobKey key;
    std::string number;
    std::string sender;
    std::string from_name;
    std::string to_name;
    // Stored as its word; a word that names no level (a client that sent
    // none) reads as failure, the default of smsgate-senders(5).
    policy::NotifyLevel notify = policy::NotifyLevel::failure;
    std::string text;
    std::string language;
    std::string message_id;    // the mail's Message-ID, for threading; may be empty
    JobState state = JobState::queued;
    std::string modem;         // the modem the job is pinned to, empty if none
    int attempts = 0;          // temporary failures so far
    Seconds not_before = 0;    // retry backoff: not to be tried before this time
    std::optional<StatusCode> dsn; // enhanced status code of the outcome (2.0.0, 5.1.1); none while open
    std::string reason;        // the outcome in words
    int concat_ref = 0;        // 8-bit concatenation reference
    Seconds created = 0;
    Seconds updated = 0;
    std::vector<Part> parts;   // filled by the calls that say so
};

struct Submitted {
    Job job;
    bool existing; // the key was known: a retry of an earlier delivery
};

// An SMS-DELIVER or SMS-STATUS-REPORT read from a modem, kept until the mail
// it produced was accepted and it was deleted from the modem.
enum class IncomingState { fresh, handed, deleted };

struct Incoming {
    Id id = 0;
    std::string modem;
    std::string storage;  // "SM", "ME", "SR", or "" for a routed +CMT/+CDS
    int index = -1;       // storage index, -1 for a routed message
    std::string pdu_hex;  // with SMSC
    IncomingState state = IncomingState::fresh;
    Seconds received = 0;
};

// The long SMS a part belongs to (TS 23.040 9.2.3.24.1): one originator's
// reference, with its size and width, received on one modem.
struct PartsKey {
    std::string modem;
    std::string originator;
    int ref = 0;
    int ref_bits = 8;
    int total = 0;
    // Two messages with one reference at once: 0 for the first set, then 1...
    int copy = 0;
};

// One part of a concatenated incoming SMS (TS 23.040 9.2.3.24.1), kept until
// all parts are in or the timeout passes.
struct IncomingPart {
    std::string modem;
    std::string originator;
    int ref = 0;
    int ref_bits = 8;
    int total = 0;
    int seq = 0;
    std::string text;
    Seconds scts = 0;
    Seconds received = 0;
    int zone_minutes = 0;    // the SCTS time zone, minutes east of UTC
    bool alphanumeric = false; // the originator is a name ("ING"), not a number
    std::optional<Id> incoming_row{}; // the incoming row it came in; none for parts kept before schema 3
    int copy = 0;            // which set of that reference it went to (see PartsKey)

    PartsKey message() const { return {modem, originator, ref, ref_bits, total, copy}; }
};

// Whether an incoming row that a long SMS's part came in is still to be
// handed on again (fresh): it may complete the set.
struct PartsFate {
    bool waiting = false; // such a row, received at or after the cutoff
    bool stuck = false;   // such a row, received before it
};

struct Event {
    Id job = 0;
    Seconds time = 0;
    std::string what; // "queued", "sent part 1 mr=18 modem=gsm0", "report part 1 st=0"
};

// A report about a job that has been decided: "network", "handset",
// "trying" or "failed", each at most once per job, whether or not a mail
// went out for it (the sender's level decides that).
struct ReportRecord {
    checks::Report kind = checks::Report::network;
    std::string detail; // "st=0", "st=70", "cms=500", "expired"
    Seconds time = 0;
};

// A mail for sendmail(1), kept until sendmail took it (exit 0), and
// remembered after that by its key so that nothing is written twice.
enum class MailState { queued, sent };

struct OutMail {
    Id id = 0;
    std::string key;              // unique: "job:12:handset", "incoming:34", "parts:..."
    std::optional<Id> job;        // the job it reports on, if any
    std::string envelope_sender;  // "" for the null sender
    std::string recipient;
    std::string message;          // the whole RFC 5322 message
    MailState state = MailState::queued;
    Seconds created = 0;
    int attempts = 0;             // failed sendmail runs so far
    Seconds next_try = 0;
    std::string last_error;
    Seconds sent_at = 0;
};

struct Counters {
    std::int64_t sent = 0;     // parts with +CMGS
    std::int64_t failed = 0;   // jobs failed
    std::int64_t received = 0; // incoming SMS handed on
    std::int64_t in_doubt = 0;      // parts waiting to learn whether their AT+CMGS went out
    std::int64_t doubt_resends = 0; // sends of a part again after its doubt was not settled
};

class Store {
public:
    // Opens (creating when needed) the database, sets WAL and a busy timeout,
    // and migrates the schema. The error says what failed and where.
    static Result<std::unique_ptr<Store>> open(const std::string& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Inserts a job with its parts (state queued, parts pending), or returns
    // the existing job for the same key with existing=true and its parts.
    // parts: hex TPDUs (without an SMSC address) and their AT+CMGS
    // lengths, in order.
    Result<Submitted> submit(const NewJob& job, const std::vector<std::pair<std::string, int>>& parts,
                             int concat_ref, Seconds now);

    Result<std::optional<Job>> job(Id id);                 // with parts
    Result<std::optional<Job>> job_by_key(const JobKey& key); // with parts
    // Jobs a modem may take now: queued, not_before <= now, pinned to this
    // modem or to none; oldest first. With parts.
    Result<std::vector<Job>> runnable_jobs(const std::string& modem, Seconds now, int limit);
    // Jobs in state queued or sending (for queue depth and restart recovery),
    // without parts.
    Result<std::vector<Job>> open_jobs();

    // Atomically pins the job to the modem and marks it sending, if it is
    // still queued and unpinned or pinned to this modem; false if another
    // modem took it first. Synced to the disk by the next full commit
    // (statement.hpp, write_transaction_synced_later): the part marked
    // sending.
    Result<bool> claim_job(Id job, const std::string& modem, Seconds now);
    // Back to queued (a modem went down, or the worker restarts); parts in
    // state sending become pending again, in doubt since now unless
    // in_doubt is false (the modem never got the PDU), and are counted in
    // the result.
    Result<int> requeue_job(Id job, bool unpin, Seconds not_before, Seconds now, bool in_doubt = true);
    // Recovery at start: every job in state sending is requeued (keeping its
    // modem: parts already sent came from that modem's number); returns the
    // parts that were in state sending, now in doubt.
    Result<int> recover(Seconds now);

    // The send begins (sending_at = now); a part in doubt is no longer, and
    // its resend is counted.
    Status mark_part_sending(Id part, const std::string& modem, Seconds now);
    // +CMGS said MR: sent, no longer in doubt. Also for a part in doubt
    // whose MR the worker kept when its first commit failed. Synced to the
    // disk by the next full commit: the next part marked sending, or the job
    // finished.
    Status mark_part_sent(Id part, int mr, const std::string& modem, Seconds now);
    // Parts in doubt: status reports received on the modem at or after
    // `since` that matched no part (their rows, oldest first).
    Result<std::vector<Incoming>> unmatched_reports(const std::string& modem, Seconds since);
    // A part in doubt takes the unmatched status report in incoming row
    // `incoming` as the report of its first send: sent with that MR, the
    // report's status recorded, the row remembering the part; one
    // transaction. An error when the part is not in doubt or the report
    // matched a part already.
    Result<Part> adopt_report(Id part, Id incoming, int mr, const std::string& modem, int status,
                              bool final_status, Seconds now);
    // Jobs of the modem that wait for a report for a part in doubt are due
    // now (a new unmatched report came); returns how many.
    Result<int> wake_doubt_jobs(const std::string& modem, Seconds now);
    Status mark_part_failed(Id part, Seconds now);
    Status finish_job(Id job, JobState state, StatusCode dsn, const std::string& reason, Seconds now);
    // A temporary failure: attempts+1, not_before, state queued (or deferred
    // when attempts reached the limit), with the reason. Parts in state
    // sending go back to pending; the job keeps its modem.
    Result<JobState> defer_job(Id job, int max_attempts, Seconds not_before, StatusCode dsn,
                               const std::string& reason, Seconds now);
    // A resubmission of a deferred job queues it again with attempts reset
    // (an error when the job is not deferred).
    Status requeue_deferred(Id job, Seconds now);

    // Status report matching: the most recently sent part, still without a
    // final report, sent by this modem with this MR to this number. Records
    // the status and returns the part (and job id), or nothing. The number is
    // compared as stored (E.164); final_status=true stops further matches.
    Result<std::optional<Part>> match_report(const std::string& modem, int mr, const std::string& number,
                                             int status, bool final_status, Seconds now);
    // The same for the status report kept in incoming row `incoming`: the
    // part matched is remembered on the row in the same transaction, and a
    // second call for the row (after a crash or a failed hand-over) returns
    // that part as it is now, without matching or recording again. When
    // nothing matched, nothing is remembered. An unknown row is an error.
    Result<std::optional<Part>> match_report(Id incoming, const std::string& modem, int mr,
                                             const std::string& number, int status, bool final_status,
                                             Seconds now);

    // Reports: records that the report `kind` about the job was decided, once.
    // Returns false, and queues nothing, when it was recorded before. With a
    // mail, the mail is queued in the same transaction (false too, with
    // nothing recorded, when its key was known).
    Result<bool> record_report(Id job, checks::Report kind, const std::string& detail,
                               const std::optional<OutMail>& mail, Seconds now);
    Result<std::vector<ReportRecord>> job_reports(Id job); // in the order recorded
    // The mails about the job, queued or sent (a sent one without its
    // message), in the order queued.
    Result<std::vector<OutMail>> job_mails(Id job);
    // Jobs in state sent whose last part was sent before `sent_before`, that
    // changed (were sent, or matched a report) at or after `active_since`,
    // with no "handset" or "failed" report recorded; with parts; oldest (by
    // created) first. active_since keeps the sweeps off the long tail of
    // old jobs.
    Result<std::vector<Job>> jobs_awaiting_reports(Seconds sent_before, Seconds active_since, int limit);
    // Jobs in state sent whose last part was sent between sent_since and
    // sent_before (inclusive) with no "network" report recorded; with parts;
    // oldest first.
    Result<std::vector<Job>> jobs_without_network_report(Seconds sent_since, Seconds sent_before, int limit);

    // Reply routing: the most recent job to the number (E.164) created at or
    // after `since` with a non-empty sender (without parts), and the display
    // name of the most recent job to the number that had one ("" if none).
    Result<std::optional<Job>> last_job_to(const std::string& number, Seconds since);
    Result<std::string> name_for_number(const std::string& number);

    // Outbox: queues a mail once per key; false when the key was known
    // (queued or sent). id, state, attempts, next_try, last_error, sent_at
    // are set here: queued, 0 attempts, next_try = created. A mail without
    // a key or a recipient is an error.
    // With consumes, the parts of that long SMS are dropped in the same
    // transaction (also when the key was known): the mail they made and
    // their removal happen together or not at all.
    Result<bool> queue_mail(const OutMail& mail, const std::optional<PartsKey>& consumes = std::nullopt);
    Result<bool> mail_known(const std::string& key);
    // Queued mails with next_try <= now: first those about no job (incoming
    // SMS, unreadable PDUs: a person waits for them), then the reports;
    // each by next_try, then id.
    Result<std::vector<OutMail>> due_mails(Seconds now, int limit);
    // The earliest next_try after now of a queued mail; nothing when none.
    Result<std::optional<Seconds>> next_mail_after(Seconds now);
    // sendmail took it: sent, and the message is dropped (the key stays).
    // Both are errors for a mail that is not in the outbox or already sent.
    Status mail_sent(Id id, Seconds now);
    // sendmail failed: attempts+1, not due again before next_try.
    Status mail_failed(Id id, Seconds next_try, const std::string& error);
    // Forgets sent mails sent before the cutoff, and so their keys; returns
    // how many.
    Result<int> prune_mails(Seconds sent_before);
    Result<int> outbox_depth(); // queued mails

    // Incoming: insert once per (modem, storage, index, pdu) while not
    // deleted; returns the row, new or existing.
    Result<Incoming> add_incoming(const Incoming& in);
    Status set_incoming_state(Id id, IncomingState state);
    // modem "" means every modem.
    Result<std::vector<Incoming>> incoming_in_state(IncomingState state, const std::string& modem);

    // Concatenated incoming parts: adds one and returns all parts of the set
    // it went to so far, ordered by seq (their copy says which set). A
    // repeat (same seq, text and SCTS) is ignored. A part whose place is
    // taken in every set by another text (the sender used the reference for
    // two messages) goes to the set, among those with its place free, whose
    // SCTS is nearest (the newest on a tie), or starts a new set: nothing is
    // dropped.
    Result<std::vector<IncomingPart>> add_incoming_part(const IncomingPart& part);
    // The parts of the set holding the part that came in incoming row `row`
    // (for `message` without its copy); none when there is no such part.
    Result<std::vector<IncomingPart>> incoming_parts_with_row(const PartsKey& message, Id row);
    // How many sets of the message's reference (any copy) have parts stored.
    Result<int> incoming_sets(const PartsKey& message);
    Status drop_incoming_parts(const PartsKey& message);
    // All parts of the message so far, ordered by seq; none when it has none.
    Result<std::vector<IncomingPart>> incoming_parts(const PartsKey& message);
    Result<PartsFate> parts_fate(const PartsKey& message, Seconds fresh_since);
    // Messages with parts older than the cutoff (by first received), one
    // representative part each: the lowest seq, with received set to the
    // time the message's first part came in.
    Result<std::vector<IncomingPart>> stale_incoming_parts(Seconds older_than);

    Status add_event(Id job, const std::string& what, Seconds now);
    Result<std::vector<Event>> events(Id job);
    // Most recent jobs first, for smsgatectl; without parts.
    Result<std::vector<Job>> recent_jobs(int limit);
    // For one modem, or for all when modem is "". received counts SMS-DELIVER
    // only (not status reports).
    Result<Counters> counters(const std::string& modem);
    // The TP-ST of the last status report of each part sent through the
    // modem, with how many parts have it; parts without a report left out.
    Result<std::vector<std::pair<int, std::int64_t>>> report_statuses(const std::string& modem);
    // When the oldest mail still waiting for sendmail(1) was queued; none
    // when none waits.
    Result<std::optional<Seconds>> oldest_waiting_mail();
    // Jobs queued or sending that are pinned to the modem (unpinned queued
    // jobs belong to no modem yet); every open job when modem is "".
    Result<int> queue_depth(const std::string& modem);
    // When the parts the modem sent after `since` went out (each part once,
    // however often it was sent), oldest first: what its send limits count.
    Result<std::vector<Seconds>> sent_times(const std::string& modem, Seconds since);

private:
    explicit Store(sqlite3* db);
    sqlite3* db_;
};

} // namespace smsgate::store

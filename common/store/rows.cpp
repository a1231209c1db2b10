// rows.cpp - rows of the store as values, and the state words.
#include "store/rows.hpp"

#include <array>
#include <utility>

namespace smsgate::store {

namespace {

constexpr std::array<std::pair<JobState, std::string_view>, 5> job_states = {{
    {JobState::queued, "queued"},
    {JobState::sending, "sending"},
    {JobState::sent, "sent"},
    {JobState::failed, "failed"},
    {JobState::deferred, "deferred"},
}};

constexpr std::array<std::pair<PartState, std::string_view>, 4> part_states = {{
    {PartState::pending, "pending"},
    {PartState::sending, "sending"},
    {PartState::sent, "sent"},
    {PartState::failed, "failed"},
}};

constexpr std::array<std::pair<IncomingState, std::string_view>, 3> incoming_states = {{
    {IncomingState::fresh, "fresh"},
    {IncomingState::handed, "handed"},
    {IncomingState::deleted, "deleted"},
}};

constexpr std::array<std::pair<MailState, std::string_view>, 2> mail_states = {{
    {MailState::queued, "queued"},
    {MailState::sent, "sent"},
}};

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value)
{
    for (const auto& [state, name] : table)
        if (state == value)
            return name;
    return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view word)
{
    for (const auto& [state, name] : table)
        if (name == word)
            return state;
    return std::nullopt;
}

} // namespace

std::string_view job_state_name(JobState s)
{
    return name_of(job_states, s);
}

std::string_view part_state_name(PartState s)
{
    return name_of(part_states, s);
}

namespace detail {

std::optional<JobState> parse_job_state(std::string_view word)
{
    return parse(job_states, word);
}

std::optional<PartState> parse_part_state(std::string_view word)
{
    return parse(part_states, word);
}

std::string_view incoming_state_name(IncomingState s)
{
    return name_of(incoming_states, s);
}

std::optional<IncomingState> parse_incoming_state(std::string_view word)
{
    return parse(incoming_states, word);
}

std::optional<MailState> parse_mail_state(std::string_view word)
{
    return parse(mail_states, word);
}

// --- Jobs --------------------------------------------------------------

std::string select_jobs(std::string_view tail)
{
    std::string sql = "SELECT id, queue_id, recipient, mail_key, number, sender, from_name, to_name, "
                      "notify, text, state, modem, attempts, not_before, dsn, reason, concat_ref, "
                      "created, updated, language, message_id FROM jobs ";
    sql += tail;
    return sql;
}

Result<Job> read_job(const Statement& st)
{
    Job job;
    job.id = st.int64(0);
    job.key = JobKey{st.text(1), st.text(2), st.text(3)};
    job.number = st.text(4);
    job.sender = st.text(5);
    job.from_name = st.text(6);
    job.to_name = st.text(7);
    job.notify = policy::notify_level_from_word(st.text(8)).value_or(policy::NotifyLevel::failure);
    job.text = st.text(9);
    std::string state = st.text(10);
    auto parsed = parse_job_state(state);
    if (!parsed)
        return make_error(st.op(), "job " + std::to_string(job.id) + " has unknown state '" + state + "'");
    job.state = *parsed;
    job.modem = st.text(11);
    job.attempts = st.integer(12);
    job.not_before = st.int64(13);
    job.dsn = StatusCode::parse(st.text(14)); // '' while the job is open
    job.reason = st.text(15);
    job.concat_ref = st.integer(16);
    job.created = st.int64(17);
    job.updated = st.int64(18);
    job.language = st.text(19);
    job.message_id = st.text(20);
    return job;
}

// --- Parts -------------------------------------------------------------

std::string select_parts(std::string_view prefix, std::string_view from)
{
    static constexpr std::string_view columns[] = {"id",    "job",     "seq",           "tpdu_hex",
                                                   "tpdu_length", "state", "mr", "modem",
                                                   "sent_at", "report_status", "report_at",
                                                   "sending_at", "doubt_since", "doubt_resends"};
    std::string sql = "SELECT ";
    for (std::string_view column : columns) {
        if (sql.size() > 7)
            sql += ", ";
        sql += prefix;
        sql += column;
    }
    sql += " FROM ";
    sql += from;
    return sql;
}

Result<Part> read_part(const Statement& st)
{
    Part part;
    part.id = st.int64(0);
    part.job = st.int64(1);
    part.seq = st.integer(2);
    part.tpdu_hex = st.text(3);
    part.tpdu_length = st.integer(4);
    std::string state = st.text(5);
    auto parsed = parse_part_state(state);
    if (!parsed)
        return make_error(st.op(), "part " + std::to_string(part.id) + " has unknown state '" + state + "'");
    part.state = *parsed;
    part.mr = st.optional_int(6);
    part.modem = st.text(7);
    part.sent_at = st.int64(8);
    part.report_status = st.optional_int(9);
    part.report_at = st.int64(10);
    part.sending_at = st.int64(11);
    part.doubt_since = st.int64(12);
    part.doubt_resends = st.integer(13);
    return part;
}

Status load_parts(sqlite3* db, const char* op, Job& job)
{
    auto st = Statement::prepare(db, op, select_parts("", "parts WHERE job = ?1 ORDER BY seq"));
    if (!st)
        return st.error();
    st->bind(1, job.id);
    auto parts = collect<Part>(*st, read_part);
    if (!parts)
        return parts.error();
    job.parts = std::move(parts).value();
    return Done{};
}

Result<std::vector<Job>> query_jobs(sqlite3* db, Statement& st, bool with_parts)
{
    auto jobs = collect<Job>(st, read_job);
    if (!jobs || !with_parts)
        return jobs;
    for (Job& job : *jobs)
        if (auto done = load_parts(db, st.op(), job); !done)
            return done.error();
    return jobs;
}

Result<std::optional<Job>> first_job(sqlite3* db, Statement& st, bool with_parts)
{
    auto jobs = query_jobs(db, st, with_parts);
    if (!jobs)
        return jobs.error();
    if (jobs->empty())
        return std::optional<Job>();
    return std::optional<Job>(std::move(jobs->front()));
}

Result<std::optional<Job>> find_job(sqlite3* db, const char* op, Id id)
{
    auto st = Statement::prepare(db, op, select_jobs("WHERE id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, id);
    return first_job(db, *st, true);
}

Result<std::optional<Job>> find_job_by_key(sqlite3* db, const char* op, const JobKey& key)
{
    auto st = Statement::prepare(db, op, select_jobs("WHERE queue_id = ?1 AND recipient = ?2 AND mail_key = ?3"));
    if (!st)
        return st.error();
    st->bind(1, key.queue_id).bind(2, key.recipient).bind(3, key.mail_key);
    return first_job(db, *st, true);
}

Result<Job> require_job(sqlite3* db, const char* op, Id id)
{
    auto job = find_job(db, op, id);
    if (!job)
        return job.error();
    if (!*job)
        return make_error(op, "no job " + std::to_string(id));
    return std::move(**job);
}

Result<Part> require_part(sqlite3* db, const char* op, Id id)
{
    auto st = Statement::prepare(db, op, select_parts("", "parts WHERE id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, id);
    auto parts = collect<Part>(*st, read_part);
    if (!parts)
        return parts.error();
    if (parts->empty())
        return make_error(op, "no part " + std::to_string(id));
    return std::move(parts->front());
}

// --- Events ------------------------------------------------------------

Status insert_event(sqlite3* db, const char* op, Id job, std::string_view what, Seconds now)
{
    auto st = Statement::prepare(db, op, "INSERT INTO events (job, time, what) VALUES (?1, ?2, ?3)");
    if (!st)
        return st.error();
    st->bind(1, job).bind(2, now).bind(3, what);
    return st->run();
}

} // namespace detail

} // namespace smsgate::store

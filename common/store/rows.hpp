// rows.hpp - reading the store's rows into values, shared by the files that
// implement Store: state words, column lists, and the loaders of jobs and
// parts that run inside the caller's transaction.
#pragma once

#include "store/statement.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace smsgate::store::detail {

std::optional<JobState> parse_job_state(std::string_view word);
std::optional<PartState> parse_part_state(std::string_view word);
std::string_view incoming_state_name(IncomingState s);
std::optional<IncomingState> parse_incoming_state(std::string_view word);
std::optional<MailState> parse_mail_state(std::string_view word);

// "SELECT <every job column> FROM jobs " + tail, for read_job.
std::string select_jobs(std::string_view tail);
// "SELECT <every part column, prefixed> FROM " + from, for read_part.
std::string select_parts(std::string_view prefix, std::string_view from);

Result<Job> read_job(const Statement& st);
Result<Part> read_part(const Statement& st);

// The job's parts, ordered by seq, into job.parts.
Status load_parts(sqlite3* db, const char* op, Job& job);
// Runs a statement made by select_jobs(); with_parts loads each job's parts.
Result<std::vector<Job>> query_jobs(sqlite3* db, Statement& st, bool with_parts);
// The first job the statement gives, if any.
Result<std::optional<Job>> first_job(sqlite3* db, Statement& st, bool with_parts);
// One job with its parts, or nothing.
Result<std::optional<Job>> find_job(sqlite3* db, const char* op, Id id);
Result<std::optional<Job>> find_job_by_key(sqlite3* db, const char* op, const JobKey& key);
// Like find_job, but a missing job is an error ("no job 42").
Result<Job> require_job(sqlite3* db, const char* op, Id id);
Result<Part> require_part(sqlite3* db, const char* op, Id id);

Status insert_event(sqlite3* db, const char* op, Id job, std::string_view what, Seconds now);

// Deletes every part of the long SMS (none is not an error).
Status drop_parts(sqlite3* db, const char* op, const PartsKey& message);

} // namespace smsgate::store::detail

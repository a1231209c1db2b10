// expectations.cpp - checking the vocabulary of directives.cpp (README.md
// says what each kind checks).
#include "expectations.hpp"

#include <algorithm>
#include <charconv>
#include <type_traits>
#include <map>

namespace smsgate::transcript {

namespace {

using Failure = std::string; // empty: it holds

Result<long long> integer(const std::string& text, std::string_view key)
{
    long long n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return make_error(std::string(key), "\"" + text + "\" is not a number");
    return n;
}

// "18" or "18,19"; "" is the empty list.
Result<std::vector<long long>> integers(const std::string& text, std::string_view key)
{
    std::vector<long long> out;
    for (std::size_t start = 0; start < text.size();) {
        auto comma = std::min(text.find(',', start), text.size());
        auto n = integer(text.substr(start, comma - start), key);
        if (!n)
            return n.error();
        out.push_back(*n);
        start = comma + 1;
    }
    return out;
}

template <typename T>
std::string shown(const T& value)
{
    if constexpr (std::is_constructible_v<std::string, T>)
        return "\"" + std::string(value) + "\"";
    else
        return std::to_string(value);
}

// "dsn is "4.4.1", not "5.7.1"", or "" when they are equal.
template <typename T>
Failure differs(std::string_view what, const T& got, const T& want)
{
    if (got == want)
        return {};
    return std::string(what) + " is " + shown(got) + ", not " + shown(want);
}

// The job's code as the file writes it, "" while it has none.
std::string dsn_of(const store::Job& job) { return job.dsn ? job.dsn->str() : ""; }

std::string describe(const store::Job& job)
{
    return std::string(store::job_state_name(job.state)) + ", attempts " + std::to_string(job.attempts) + ", " +
           dsn_of(job) + " \"" + job.reason + "\"";
}

bool is_outcome(const std::string& kind)
{
    return kind == "sent" || kind == "retry" || kind == "failed" || kind == "deferred";
}

class Checker {
public:
    Checker(const Transcript& t, Harness& h, const std::vector<store::Id>& jobs) : t_(t), h_(h), jobs_(jobs) {}

    std::vector<std::string> run()
    {
        if (t_.expectations.empty())
            file_fails("no expectation line (\"! ...\"): a transcript must say what comes of it");
        auto deleted = h_.store().incoming_in_state(store::IncomingState::deleted, h_.modem.name);
        if (!deleted)
            file_fails("the store: " + deleted.error().what());
        else
            deleted_ = std::move(deleted).value();
        for (const auto& e : t_.expectations)
            if (auto why = check(e); !why.empty())
                failures_.push_back(location(t_.name, e.line, {}) + ": ! " + e.written + ": " + why);
        check_complete();
        return failures_;
    }

private:
    void file_fails(const std::string& why) { failures_.push_back(t_.name + ": " + why); }

    Failure check(const Expectation& e)
    {
        const auto& k = e.kind;
        if (is_outcome(k) || k == "report") {
            auto job = job_of(e);
            if (!job)
                return job.error().what();
            return k == "report" ? check_report(e, *job) : check_outcome(e, *job);
        }
        auto n = count_[k]++;
        if (k == "received")
            return n < h_.sink.received.size() ? check_received(e, h_.sink.received[n]) : "no such SMS was handed on";
        if (k == "deleted")
            return n < deleted_.size() ? check_deleted(e, deleted_[n]) : "no such message was deleted";
        if (k == "undecodable")
            return n < h_.sink.undecodable_pdus.size() ? differs("the PDU", h_.sink.undecodable_pdus[n], *e.get("pdu"))
                                                       : "no such PDU was handed on";
        if (k == "status")
            return check_status(e);
        if (k == "told")
            return check_told(e);
        if (k == "took") {
            auto ms = integer(*e.get("min_ms"), "min_ms");
            if (!ms)
                return ms.error().what();
            return h_.took.count() >= *ms ? "" : "the play took " + std::to_string(h_.took.count()) + " ms";
        }
        return "the harness has no check for \"" + k + "\""; // a kind added to directives.cpp alone
    }

    // The job of "job=N" (the N-th @submit), or the only one.
    Result<store::Job> job_of(const Expectation& e)
    {
        std::size_t index = 0;
        if (const auto* n = e.get("job")) {
            auto number = integer(*n, "job");
            if (!number)
                return number.error();
            if (*number < 1 || static_cast<std::size_t>(*number) > jobs_.size())
                return make_error("job", "the file submits " + std::to_string(jobs_.size()) + " jobs");
            index = static_cast<std::size_t>(*number - 1);
        } else if (jobs_.size() != 1) {
            return make_error("job", "job= is needed: the file submits " + std::to_string(jobs_.size()) + " jobs");
        }
        if (is_outcome(e.kind))
            ++outcomes_[index];
        auto job = h_.store().job(jobs_[index]);
        if (!job)
            return job.error();
        if (!*job)
            return make_error("job", "job " + std::to_string(jobs_[index]) + " is not in the store");
        return **job;
    }

    Failure check_outcome(const Expectation& e, const store::Job& job)
    {
        static const std::map<std::string, store::JobState> states = {{"sent", store::JobState::sent},
                                                                     {"retry", store::JobState::queued},
                                                                     {"failed", store::JobState::failed},
                                                                     {"deferred", store::JobState::deferred}};
        if (job.state != states.at(e.kind))
            return "the job is " + describe(job);
        if (e.kind == "sent")
            return check_sent(e, job);
        Failure why = differs("dsn", dsn_of(job), *e.get("dsn"));
        if (why.empty() && e.get("reason"))
            why = differs("the reason", job.reason, *e.get("reason"));
        auto attempts = integer(e.get("attempts") ? *e.get("attempts") : "1", "attempts");
        if (!attempts)
            return attempts.error().what();
        if (why.empty() && e.kind != "failed")
            why = differs("attempts", static_cast<long long>(job.attempts), *attempts);
        if (!why.empty())
            return why;
        auto unsent = std::find_if(job.parts.begin(), job.parts.end(), [](const store::Part& p) { return !p.mr; });
        if (unsent == job.parts.end())
            return "every part has an MR";
        if (e.kind == "failed")
            return differs("the state of part " + std::to_string(unsent->seq), store::part_state_name(unsent->state),
                           store::part_state_name(store::PartState::failed));
        if (e.kind == "retry" && job.not_before < h_.started + h_.worker.retry_seconds)
            return "it may be tried again at " + std::to_string(job.not_before) + ", before " +
                   std::to_string(h_.worker.retry_seconds) + " s passed";
        return differs("the state of part " + std::to_string(unsent->seq), store::part_state_name(unsent->state),
                       store::part_state_name(store::PartState::pending));
    }

    Failure check_sent(const Expectation& e, const store::Job& job)
    {
        auto mrs = integers(*e.get("mr"), "mr");
        if (!mrs)
            return mrs.error().what();
        if (auto why = differs("dsn", dsn_of(job), std::string("2.0.0")); !why.empty())
            return why;
        if (job.parts.size() != mrs->size())
            return "the job has " + std::to_string(job.parts.size()) + " parts";
        for (std::size_t i = 0; i < mrs->size(); ++i) {
            const auto& p = job.parts[i];
            auto part = "part " + std::to_string(p.seq) + ": ";
            if (p.state != store::PartState::sent || !p.mr)
                return part + "its state is " + std::string(store::part_state_name(p.state));
            if (auto why = differs("mr", static_cast<long long>(*p.mr), (*mrs)[i]); !why.empty())
                return part + why;
            if (auto why = differs("the modem", p.modem, h_.modem.name); !why.empty())
                return part + why;
        }
        return {};
    }

    Failure check_report(const Expectation& e, const store::Job& job)
    {
        ++count_["report"];
        auto st = integer(*e.get("st"), "st");
        auto seq = integer(e.get("part") ? *e.get("part") : "1", "part");
        if (!st || !seq)
            return !st ? st.error().what() : seq.error().what();
        auto part = std::find_if(job.parts.begin(), job.parts.end(), [&](const store::Part& p) { return p.seq == *seq; });
        if (part == job.parts.end())
            return "the job has no part " + std::to_string(*seq);
        if (!part->report_status)
            return "the part has no status report in the store";
        if (auto why = differs("the part's TP-ST in the store", static_cast<long long>(*part->report_status), *st);
            !why.empty())
            return why;
        for (const auto& r : h_.sink.reports)
            if (r.part && r.part->id == part->id) {
                if (auto why = differs("the report's TP-ST", static_cast<long long>(r.status), *st); !why.empty())
                    return why;
                if (auto why = differs("the report's MR", r.mr, part->mr.value_or(-1)); !why.empty())
                    return why;
                return differs("the report's recipient", r.recipient, job.number);
            }
        return "no status report for the part was handed on";
    }

    Failure check_received(const Expectation& e, const worker::ReceivedSms& sms)
    {
        Failure why = differs("the originator", sms.originator, *e.get("from"));
        if (why.empty())
            why = differs("the text", sms.text, *e.get("text"));
        if (why.empty() && e.get("smsc"))
            why = differs("the SMSC", sms.smsc, *e.get("smsc"));
        return why;
    }

    Failure check_deleted(const Expectation& e, const store::Incoming& in)
    {
        auto index = integer(*e.get("index"), "index");
        if (!index)
            return index.error().what();
        Failure why = differs("the storage", in.storage, *e.get("storage"));
        if (why.empty())
            why = differs("the index", static_cast<long long>(in.index), *index);
        if (why.empty() && e.get("pdu"))
            why = differs("the PDU", in.pdu_hex, *e.get("pdu"));
        return why;
    }

    Failure check_status(const Expectation& e)
    {
        const auto& s = h_.status;
        for (const auto& f : e.fields) {
            Failure why;
            if (f.key == "model")
                why = differs("the model", s.model, f.value);
            else if (f.key == "operator")
                why = differs("the operator", s.operator_name, f.value);
            else if (f.key == "registration")
                why = differs("the registration", s.registration, f.value);
            else if (f.key == "error")
                why = differs("the last error", s.last_error, f.value);
            else if (f.key == "signal")
                why = differs("the signal", s.signal_dbm ? std::to_string(*s.signal_dbm) : "none", f.value);
            else {
                auto n = integer(f.value, f.key);
                if (!n)
                    return n.error().what();
                auto got = f.key == "sent" ? s.sent : f.key == "failed" ? s.failed : s.received;
                why = differs("the count " + f.key, got, *n);
            }
            if (!why.empty())
                return why;
        }
        return {};
    }

    Failure check_told(const Expectation& e)
    {
        auto numbers = integers(*e.get("jobs"), "jobs");
        if (!numbers)
            return numbers.error().what();
        std::vector<store::Id> want;
        for (auto n : *numbers) {
            if (n < 1 || static_cast<std::size_t>(n) > jobs_.size())
                return "the file submits " + std::to_string(jobs_.size()) + " jobs";
            want.push_back(jobs_[static_cast<std::size_t>(n - 1)]);
        }
        if (h_.changed == want)
            return {};
        std::string got;
        for (auto id : h_.changed) {
            auto at = std::find(jobs_.begin(), jobs_.end(), id);
            got += (got.empty() ? "" : ",") + (at == jobs_.end() ? "id " + std::to_string(id)
                                                                 : std::to_string(at - jobs_.begin() + 1));
        }
        return "the waiters were told of jobs=" + got;
    }

    // What no line expects.
    void check_complete()
    {
        for (std::size_t i = 0; i < jobs_.size(); ++i)
            if (outcomes_[i] != 1)
                file_fails("job " + std::to_string(i + 1) + " (line " + std::to_string(t_.submissions[i].line) + ") has " +
                           std::to_string(outcomes_[i]) + " outcome lines (sent, retry, failed, deferred); it wants one");
        auto extra = [&](const std::string& kind, std::size_t got) {
            if (got > count_[kind])
                file_fails(std::to_string(got) + " \"" + kind + "\" outcomes, " + std::to_string(count_[kind]) +
                           " lines expect them: add the missing \"! " + kind + "\" lines");
        };
        extra("received", h_.sink.received.size());
        extra("report", h_.sink.reports.size());
        extra("deleted", deleted_.size());
        extra("undecodable", h_.sink.undecodable_pdus.size());
        for (auto state : {store::IncomingState::fresh, store::IncomingState::handed}) {
            auto kept = h_.store().incoming_in_state(state, h_.modem.name);
            for (const auto& in : kept ? *kept : std::vector<store::Incoming>{})
                file_fails("a message is left in the store, not deleted: storage \"" + in.storage + "\" index " +
                           std::to_string(in.index) + " pdu " + in.pdu_hex);
        }
    }

    const Transcript& t_;
    Harness& h_;
    const std::vector<store::Id>& jobs_;
    std::vector<store::Incoming> deleted_;
    std::map<std::string, std::size_t> count_; // lines of each kind met so far
    std::map<std::size_t, int> outcomes_;      // outcome lines by job index
    std::vector<std::string> failures_;
};

} // namespace

std::vector<std::string> check_expectations(const Transcript& t, Harness& h, const std::vector<store::Id>& jobs)
{
    return Checker(t, h, jobs).run();
}

} // namespace smsgate::transcript

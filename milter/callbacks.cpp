// callbacks.cpp - the libmilter side of smsgate-milter. A connection pins the
// policy snapshot current when it opened; a message begins at MAIL FROM and
// ends at end of message or abort. Messages without SMS recipients are let
// go at DATA, so Postfix does not send their headers and body.
#include "callbacks.hpp"

#include "log/log.hpp"
#include "checks/checks.hpp"
#include "message.hpp"

#include <libmilter/mfapi.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <string>

namespace smsgate::milter {

namespace {

Shared* shared = nullptr;

struct Connection {
    std::shared_ptr<const Snapshot> snapshot;
    Envelope envelope;
    std::unique_ptr<Message> message;
    int parts_headers = 0; // X-SMS-Parts headers the sender put in
};

Connection* connection(SMFICTX* ctx) { return static_cast<Connection*>(smfi_getpriv(ctx)); }

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string macro(SMFICTX* ctx, const char* name)
{
    const char* v = smfi_getsymval(ctx, const_cast<char*>(name));
    return v ? v : "";
}

// "<a@b>" -> "a@b"
std::string bare(const char* arg)
{
    std::string s = arg ? arg : "";
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>')
        s = s.substr(1, s.size() - 2);
    return s;
}

std::string queue_id(SMFICTX* ctx)
{
    auto id = macro(ctx, "i");
    return id.empty() ? "NOQUEUE" : id;
}

std::string address_text(const sockaddr* sa)
{
    char buf[INET6_ADDRSTRLEN] = "";
    if (!sa)
        return "";
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
    return buf;
}

// The one place a decision becomes a reply. libmilter reads '%' in the text
// as a format character: written twice.
sfsistat refuse(SMFICTX* ctx, const Verdict& r)
{
    // libmilter refuses a reply line longer than about 980 characters.
    std::string text;
    for (char c : r.text.substr(0, 900)) {
        text += c;
        if (c == '%')
            text += '%';
    }
    // A verdict without a reply code of its own gets its class's.
    auto code = std::to_string(r.smtp != 0 ? r.smtp : r.permanent() ? 550 : 451);
    auto dsn = r.code.str();
    if (smfi_setreply(ctx, code.data(), dsn.data(), text.data()) != MI_SUCCESS)
        log::warning("cannot set the reply " + code + " " + dsn);
    return r.permanent() ? SMFIS_REJECT : SMFIS_TEMPFAIL;
}

// Anything that went wrong inside: the sender tries again later.
sfsistat internal_error(SMFICTX* ctx, const std::string& what)
{
    log::error(queue_id(ctx) + ": " + what);
    return refuse(ctx, checks::internal("the SMS gateway cannot check this message now"));
}

template <typename F>
sfsistat guarded(SMFICTX* ctx, const char* stage, F&& f)
{
    try {
        return f();
    } catch (const std::exception& e) {
        return internal_error(ctx, std::string(stage) + ": " + e.what());
    }
}

sfsistat on_connect(SMFICTX* ctx, char*, _SOCK_ADDR* address)
{
    return guarded(ctx, "connect", [&] {
        auto c = std::make_unique<Connection>();
        c->snapshot = shared->snapshots->get();
        c->envelope.client_address = address_text(address);
        smfi_setpriv(ctx, c.release());
        ++shared->open_connections;
        return SMFIS_CONTINUE;
    });
}

sfsistat on_envfrom(SMFICTX* ctx, char** argv)
{
    return guarded(ctx, "MAIL FROM", [&] {
        auto* c = connection(ctx);
        if (!c)
            return internal_error(ctx, "MAIL FROM without a connection");
        c->envelope.sender = bare(argv ? argv[0] : nullptr);
        c->envelope.sasl_login = macro(ctx, "{auth_authen}");
        // The message holds the snapshot, and so its quota book.
        c->message = std::make_unique<Message>(c->snapshot, c->envelope, c->snapshot->quota.get());
        c->parts_headers = 0;
        return SMFIS_CONTINUE;
    });
}

sfsistat on_envrcpt(SMFICTX* ctx, char** argv)
{
    return guarded(ctx, "RCPT TO", [&] {
        auto* c = connection(ctx);
        if (!c || !c->message)
            return internal_error(ctx, "RCPT TO without MAIL FROM");
        auto rcpt = bare(argv ? argv[0] : nullptr);
        // Postfix gives the address as it resolved it: trailing dots,
        // case, "%" and "!" forms and source routes are already undone.
        auto routed = macro(ctx, "{rcpt_addr}");
        auto refusal = c->message->recipient(rcpt, routed, now());
        if (!refusal)
            return SMFIS_CONTINUE;
        const auto& p = c->message->policy();
        log::info(queue_id(ctx) + ": reject: RCPT from=<" + c->envelope.sender + ">, to=<" + log::printable(rcpt, 100) +
                  ">" + (routed.empty() || routed == rcpt ? "" : ", routed=<" + log::printable(routed, 100) + ">") +
                  ", client=" + (c->envelope.client_address.empty() ? "local" : c->envelope.client_address) +
                  (c->envelope.sasl_login.empty() ? "" : ", sasl_username=" + c->envelope.sasl_login) +
                  ", policy=" + (p.matched_at.empty() ? "none" : p.matched_at) + ": " + std::to_string(refusal->smtp) +
                  " " + refusal->code.str() + " " + refusal->text);
        return refuse(ctx, *refusal);
    });
}

sfsistat on_data(SMFICTX* ctx)
{
    return guarded(ctx, "DATA", [&] {
        auto* c = connection(ctx);
        // Nothing for SMS in this message: step aside, Postfix sends no more.
        if (!c || !c->message || !c->message->has_sms_recipients())
            return SMFIS_ACCEPT;
        return SMFIS_CONTINUE;
    });
}

sfsistat on_header(SMFICTX* ctx, char* name, char* value)
{
    return guarded(ctx, "header", [&] {
        auto* c = connection(ctx);
        if (!c || !c->message)
            return SMFIS_ACCEPT;
        std::string n = name ? name : "";
        if (strcasecmp(n.c_str(), "X-SMS-Parts") == 0)
            ++c->parts_headers;
        // Postfix drops the blank after the colon; it is put back.
        c->message->header(n, std::string(" ") + (value ? value : ""));
        return SMFIS_CONTINUE;
    });
}

sfsistat on_eoh(SMFICTX* ctx)
{
    return guarded(ctx, "end of headers", [&] {
        if (auto* c = connection(ctx); c && c->message)
            c->message->end_of_headers();
        return SMFIS_CONTINUE;
    });
}

sfsistat on_body(SMFICTX* ctx, unsigned char* chunk, size_t size)
{
    return guarded(ctx, "body", [&] {
        if (auto* c = connection(ctx); c && c->message)
            c->message->body(std::string_view(reinterpret_cast<const char*>(chunk), size));
        return SMFIS_CONTINUE;
    });
}

sfsistat on_eom(SMFICTX* ctx)
{
    return guarded(ctx, "end of message", [&] {
        auto* c = connection(ctx);
        if (!c || !c->message)
            return SMFIS_CONTINUE;
        auto id = queue_id(ctx);
        auto end = c->message->end_of_message(now(), id == "NOQUEUE" ? std::string() : id);
        const auto& p = c->message->policy();
        auto who = "from=<" + c->envelope.sender + ">, sms_recipients=" + std::to_string(end.sms_recipients) +
                   ", policy=" + (p.matched_at.empty() ? "none" : p.matched_at);
        c->message.reset();
        if (end.refusal && end.left_to_transport) {
            log::info(id + ": pass: end of message " + who + ": the SMS copy will be refused by the transport (" +
                      std::to_string(end.refusal->smtp) + " " + end.refusal->code.str() + " " + end.refusal->text +
                      "); the other recipients get the mail");
            return SMFIS_CONTINUE;
        }
        if (end.refusal) {
            log::info(id + ": reject: end of message " + who + ": " + std::to_string(end.refusal->smtp) + " " +
                      end.refusal->code.str() + " " + end.refusal->text);
            return refuse(ctx, *end.refusal);
        }
        // Only the gateway says how many parts: the sender's own header goes.
        for (int i = c->parts_headers; i > 0; --i)
            smfi_chgheader(ctx, const_cast<char*>("X-SMS-Parts"), i, nullptr);
        if (smfi_addheader(ctx, const_cast<char*>("X-SMS-Parts"), end.parts_header.data()) != MI_SUCCESS)
            log::warning(id + ": cannot add the X-SMS-Parts header");
        log::info(id + ": accept: " + who + ", parts=" + end.parts_header);
        return SMFIS_CONTINUE;
    });
}

sfsistat on_abort(SMFICTX* ctx)
{
    return guarded(ctx, "abort", [&] {
        if (auto* c = connection(ctx))
            c->message.reset();
        return SMFIS_CONTINUE;
    });
}

sfsistat on_close(SMFICTX* ctx)
{
    auto* c = connection(ctx);
    smfi_setpriv(ctx, nullptr);
    if (c) {
        delete c;
        --shared->open_connections;
    }
    return SMFIS_CONTINUE;
}

} // namespace

smfiDesc& filter_description(Shared& s)
{
    shared = &s;
    static smfiDesc description = {
        const_cast<char*>("smsgate-milter"),
        SMFI_VERSION,
        SMFIF_ADDHDRS | SMFIF_CHGHDRS,
        on_connect,
        nullptr, // helo
        on_envfrom,
        on_envrcpt,
        on_header,
        on_eoh,
        on_body,
        on_eom,
        on_abort,
        on_close,
        nullptr, // unknown
        on_data,
        nullptr, // negotiate
    };
    return description;
}

} // namespace smsgate::milter

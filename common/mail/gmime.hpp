// gmime.hpp - GMime for the mail code: the one-time initialisation, and
// owners for what GMime and GLib hand out (objects to unref, strings to
// g_free), so that no early return leaks. Internal to common/mail.
#pragma once

#include <gmime/gmime.h>

#include <memory>

namespace smsgate::mail {

// g_mime_init() once per process, on first use, thread-safe; callers of the
// mail library never call it themselves. GMime is never shut down: its
// caches live as long as the process.
void ensure_gmime();

struct GObjectUnref {
    void operator()(void* object) const
    {
        if (object)
            g_object_unref(object);
    }
};

// An owned reference to a GObject (GMimeParser, GMimeStream, GMimeMessage...).
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(void* p) const { g_free(p); }
};

// A string that GLib allocated.
using GCharPtr = std::unique_ptr<char, GFree>;

struct ParserOptionsFree {
    void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsFree>;

// Parser options for mail from the wild: 8-bit octets in headers are read
// as UTF-8 when they are valid UTF-8, else as windows-1252 (a superset of
// iso-8859-1 that covers what Windows clients send).
ParserOptionsPtr lenient_parser_options();

} // namespace smsgate::mail

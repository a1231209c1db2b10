// gmime.cpp - GMime initialisation and parser options.
#include "mail/gmime.hpp"

namespace smsgate::mail {

void ensure_gmime()
{
    static const bool initialised = [] {
        g_mime_init();
        return true;
    }();
    (void)initialised;
}

ParserOptionsPtr lenient_parser_options()
{
    ensure_gmime();
    ParserOptionsPtr options(g_mime_parser_options_new());
    const char* fallback[] = {"UTF-8", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(options.get(), fallback); // copied
    g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    return options;
}

} // namespace smsgate::mail

// digest.cpp - SHA-256 from GLib (which GMime brings).
#include "mail/digest.hpp"

#include <glib.h>

namespace smsgate::mail {

std::string content_digest(std::string_view raw_mail)
{
    gchar* hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(raw_mail.data()),
                                             raw_mail.size());
    std::string out = std::string("sha256:") + hex;
    g_free(hex);
    return out;
}

} // namespace smsgate::mail

// test_mail_clean.cpp - format=flowed (RFC 3676), the clean-up of a body
// (signature, quoted reply, blank lines), the SMS text template with the
// sender's prefix, and charset conversion.
#include "mail/charset.hpp"
#include "mail/clean.hpp"
#include "mail/compose.hpp"
#include "mail/flowed.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace smsgate::mail;

TEST_CASE("format=flowed: RFC 3676 joining")
{
    CHECK(decode_flowed("one \ntwo \nthree\nfour", false) == "one two three\nfour");
    CHECK(decode_flowed("one \ntwo\n", false) == "one two\n");
    // DelSp=yes: the space before the soft break is not part of the text.
    CHECK(decode_flowed("Kopen\nhagen", true) == "Kopen\nhagen");
    CHECK(decode_flowed("Kopen \nhagen", true) == "Kopenhagen");
    CHECK(decode_flowed("two  \nwords", true) == "two words");
    // Space-stuffing (4.4) is undone.
    CHECK(decode_flowed(" From here\n  indented", false) == "From here\n indented");
    // The signature separator is never flowed, and ends a paragraph.
    CHECK(decode_flowed("text \n-- \nPaul", false) == "text \n-- \nPaul");
    // Quotes: depth kept as "> ", a change of depth ends a paragraph (4.5).
    CHECK(decode_flowed("> a \n> b\n>> c \n> d", false) == "> a b\n>> c \n> d");
    CHECK(decode_flowed(">\n> x", false) == ">\n> x");
    // A flowed last line is kept.
    CHECK(decode_flowed("end ", false) == "end ");
    CHECK(decode_flowed("", false) == "");
}

TEST_CASE("clean_body: signature")
{
    CleanOptions options;
    CHECK(clean_body("text\n-- \nPaul\nSonal", options) == "text");
    CHECK(clean_body("text\n--\nPaul", options) == "text");           // the space lost on the way
    CHECK(clean_body("text\n--- not a signature", options) == "text\n--- not a signature");
    CHECK(clean_body("a -- b\n> -- \nx", options) == "a -- b\nx");    // a quoted one is a quote
    CHECK(clean_body("See you\n\nSent from my iPhone", options) == "See you");
    CHECK(clean_body("See you\nVerstuurd vanaf mijn iPhone\n", options) == "See you");
    CHECK(clean_body("Sent from my iPhone, he said, is all she wrote.\nok", options) ==
          "Sent from my iPhone, he said, is all she wrote.\nok");
    options.signature = false;
    CHECK(clean_body("text\n-- \nPaul", options) == "text\n--\nPaul"); // trailing space still stripped
}

TEST_CASE("clean_body: quoted replies and their attribution")
{
    CleanOptions options;
    CHECK(clean_body("Yes.\n\nOn Mon, 19 Nov 2007, Paul wrote:\n> Ok?\n> \n", options) == "Yes.");
    CHECK(clean_body("Yes.\nOn Mon, Nov 19, 2007 at 4:52 PM Paul Somers <\np@sonal.be> wrote:\n\n> Ok?", options) ==
          "Yes.");
    CHECK(clean_body("Oui.\nLe 19/11/2007 16:52, Paul a \xC3\xA9" "crit :\n> Ok ?", options) == "Oui.");
    CHECK(clean_body("Ja.\nAm 19.11.2007 um 16:52 schrieb Paul <p@sonal.be>:\n> Ok?", options) == "Ja.");
    CHECK(clean_body("Ja.\nOp ma 19 nov. 2007 om 16:52 schreef Paul <p@sonal.be\n>:\n\n> Ok?", options) == "Ja.");
    // Inline answers: the quoted lines go, the answers stay.
    CHECK(clean_body("> Coming?\nYes\n> When?\nAt 8", options) == "Yes\nAt 8");
    // A line like an attribution without a quote after it stays.
    CHECK(clean_body("On Monday I wrote:\nthe report", options) == "On Monday I wrote:\nthe report");
    // Outlook quotes nothing: everything from its separator goes.
    CHECK(clean_body("Ok.\n\n-----Original Message-----\nFrom: Paul\nSent: today", options) == "Ok.");
    CHECK(clean_body("Ok.\n________________________________\nFrom: Paul\nSent: today", options) == "Ok.");
    CHECK(clean_body("Ok.\n________________________________\nnot a header", options) ==
          "Ok.\n________________________________\nnot a header");
    // All quote: the quote is kept rather than nothing.
    CHECK(clean_body("> only\n> quote", options) == "> only\n> quote");
    options.quotes = false;
    CHECK(clean_body("Yes.\nOn Mon, Paul wrote:\n> Ok?", options) == "Yes.\nOn Mon, Paul wrote:\n> Ok?");
}

TEST_CASE("clean_body: blank lines and trailing spaces")
{
    CleanOptions options;
    CHECK(clean_body("\n\n  \na  \n\n\n\nb\t\n\n\n", options) == "a\n\nb");
    CHECK(clean_body("a\n \t \nb", options) == "a\n\nb");
    CHECK(clean_body("", options) == "");
    CleanOptions none = CleanOptions::none();
    CHECK(clean_body("\na  \n\n\nb\n\n", none) == "\na  \n\n\nb"); // only the final line breaks go
}

TEST_CASE("is_attribution: the table")
{
    CHECK(is_attribution("On Mon, Nov 19, 2007 at 4:52 PM, Paul Somers <p@sonal.be> wrote:"));
    CHECK(is_attribution("Le lun. 19 nov. 2007 \xC3\xA0 16:52, Paul <p@sonal.be> a \xC3\xA9" "crit :"));
    CHECK(is_attribution("Am Mo., 19. Nov. 2007 um 16:52 Uhr schrieb Paul <p@sonal.be>:"));
    CHECK(is_attribution("Op 19 nov. 2007, om 16:52 heeft Paul het volgende geschreven:"));
    CHECK(is_attribution("El lun, 19 nov 2007 a las 16:52, Paul escribi\xC3\xB3:"));
    CHECK(is_attribution("Il giorno lun 19 nov 2007 alle 16:52 Paul ha scritto:"));
    CHECK_FALSE(is_attribution("On Monday the printer wrote garbage"));
    CHECK_FALSE(is_attribution("Once upon a time, Paul wrote:"));
    CHECK_FALSE(is_attribution(""));
}

TEST_CASE("normalize_text: line ends and control characters")
{
    CHECK(normalize_text("a\r\nb\rc\n") == "a\nb\nc\n");
    CHECK(normalize_text(std::string("a\0b\x07" "c\td", 7)) == "abc\td");
}

TEST_CASE("compose_text: template, empty parts, prefix")
{
    CHECK(compose_text(default_text_template, "Subject", "Body") == "Subject\nBody");
    CHECK(compose_text(default_text_template, "", "test") == "test");
    CHECK(compose_text(default_text_template, "Call me", "") == "Call me");
    CHECK(compose_text(default_text_template, "", "") == "");
    // The seed: the sender's prefix "PS", an empty subject, the body "test".
    CHECK(compose_text(default_text_template, "", "test", "PS") == "PS test");
    CHECK(compose_text(default_text_template, "Hi", "there", "PS") == "PS Hi\nthere");
    CHECK(compose_text(default_text_template, "", "", "PS") == "");
    // Other templates: text around the fields stays, separators go with empty fields.
    CHECK(compose_text("{subject}: {body}", "", "b") == "b");
    CHECK(compose_text("{subject}: {body}", "s", "") == "s");
    CHECK(compose_text("{subject}: {body}", "s", "b") == "s: b");
    CHECK(compose_text("SMS: {body} (end)", "s", "b") == "SMS: b (end)");
    CHECK(compose_text("{body}", "s", "b") == "b");
    CHECK(compose_text("{body} / {subject}", "s", "b") == "b / s");
    CHECK(compose_text("{subject} - {unknown} - {body}", "s", "b") == "s - {unknown} - b");
    CHECK(compose_text("{subject", "s", "b") == "");
    CHECK(compose_text("{subject}{body}", "s", "b") == "sb");
}

TEST_CASE("to_utf8: declared, wrong and unknown charsets")
{
    CHECK(to_utf8("plain", "x-nonsense") == "plain");
    CHECK(to_utf8("caf\xE9", "iso-8859-1") == "caf\xC3\xA9");
    CHECK(to_utf8("\x80 5", "windows-1252") == "\xE2\x82\xAC 5");
    // iso-8859-1 with 80-9F means windows-1252.
    CHECK(to_utf8("\x93hi\x94", "iso-8859-1") == "\xE2\x80\x9Chi\xE2\x80\x9D");
    CHECK(to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r") == "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
    // No label, us-ascii or an unknown name on 8-bit octets: UTF-8 if valid, else windows-1252.
    CHECK(to_utf8("caf\xC3\xA9", nullptr) == "caf\xC3\xA9");
    CHECK(to_utf8("caf\xE9", "us-ascii") == "caf\xC3\xA9");
    CHECK(to_utf8("caf\xE9", "x-unknown") == "caf\xC3\xA9");
    CHECK(to_utf8("caf\xC3\xA9", "utf8mb4") == "caf\xC3\xA9");
    CHECK(to_utf8("caf\xE9", "iso 8859-1\"><b>") == "caf\xC3\xA9"); // not a charset name at all
    // Declared UTF-8 that is not: U+FFFD for what is broken.
    CHECK(to_utf8("a\xFF" "b", "utf-8") == "a\xEF\xBF\xBD" "b");
    // An octet the charset does not have, a sequence cut at the end.
    CHECK(to_utf8("a\x81" "b", "windows-1252") == "a\xEF\xBF\xBD" "b");
    CHECK(to_utf8("a\xE6", "shift_jis") == "a\xEF\xBF\xBD");
    // A byte order mark is dropped.
    CHECK(to_utf8("\xEF\xBB\xBFhi", "utf-8") == "hi");
    CHECK(is_valid_utf8(std::string("a\0b", 3)));
    CHECK_FALSE(is_valid_utf8("\xC3"));
}

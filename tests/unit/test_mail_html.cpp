// test_mail_html.cpp - the HTML-to-text renderer of common/mail and its
// character references (HTML 4 entity names, HTML5 numeric rules).
#include "mail/html_entities.hpp"
#include "mail/html_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace smsgate::mail;

namespace {

struct Row {
    const char* html;
    const char* text;
    const char* source;
};

void check_rows(std::initializer_list<Row> rows)
{
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(html_to_text(row.html) == row.text);
    }
}

} // namespace

TEST_CASE("html_to_text: tags, white space and line breaks")
{
    check_rows({
        {"plain words", "plain words", "no markup"},
        {"<b>bold</b> and <i>italic</i>", "bold and italic", "inline tags dropped"},
        {"  many \n\t spaces\r\n here  ", "many spaces here", "white space collapsed"},
        {"one<br>two<br/>three<BR />four", "one\ntwo\nthree\nfour", "<br> in its forms"},
        {"a<br><br>b", "a\n\nb", "two <br> leave a blank line"},
        {"<p>one</p><p>two</p>", "one\ntwo", "paragraphs are lines (Outlook writes one per line)"},
        {"<div>a</div><div><br></div><div>b</div>", "a\n\nb", "Gmail's blank line"},
        {"text<br></div>", "text", "a <br> before a block end adds nothing"},
        {"<h1>Title</h1>body", "Title\nbody", "headings"},
        {"<ul><li>one</li><li>two</li></ul>", "one\ntwo", "list items"},
        {"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", "a b\nc d",
         "table rows as lines, cells with a space"},
        {"<p class=MsoNormal>x<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p>y</p>", "x\n\ny",
         "Outlook's empty paragraph"},
        {"<pre>  keep\n    this</pre>", "  keep\n    this", "<pre> keeps white space"},
        {"<a href=\"x>y\">link</a>", "link", "'>' inside a quoted attribute"},
        {"1 < 2 and 3 > 2", "1 < 2 and 3 > 2", "a '<' that opens no tag"},
    });
}

TEST_CASE("html_to_text: what is not text")
{
    check_rows({
        {"<head><title>T</title><style>p{color:red}</style></head><body>x</body>", "x", "title and style"},
        {"<script>var s = \"<p>no</p>\";</script>yes", "yes", "script with markup in a string"},
        {"<SCRIPT>a</SCRIPT >b", "b", "case and space in the end tag"},
        {"a<!-- <b>hidden</b> -->b", "ab", "comment"},
        {"<!DOCTYPE html><?xml version=\"1.0\"?>x", "x", "declarations"},
        {"<![if !supportLists]>-<![endif]>item", "-item", "Outlook's conditional markup"},
        {"<img src=\"cid:image001.png\" alt=\"logo\">text", "text", "images"},
        {"zero\xE2\x80\x8Bwidth&zwnj; soft&shy;hyphen", "zerowidth softhyphen", "invisible characters"},
    });
}

TEST_CASE("html_to_text: quotes become '>' lines")
{
    CHECK(html_to_text("new<blockquote>old<br>older</blockquote>after") == "new\n> old\n> older\nafter");
    CHECK(html_to_text("<blockquote>a<blockquote>b</blockquote></blockquote>") == "> a\n>> b");
    CHECK(html_to_text("<blockquote>a<br><br>b</blockquote>") == "> a\n>\n> b");
}

TEST_CASE("html_to_text: malformed markup never fails")
{
    CHECK(html_to_text("text <b unclosed") == "text");
    CHECK(html_to_text("a<!-- never closed") == "a");
    CHECK(html_to_text("<style>no end") == "");
    CHECK(html_to_text("</p></div>x</blockquote></blockquote>y") == "x\ny");
    CHECK(html_to_text("<") == "<");
    CHECK(html_to_text("") == "");
    CHECK(html_to_text("&") == "&");
}

TEST_CASE("character references: named, decimal, hexadecimal")
{
    check_rows({
        {"&amp; &lt; &gt; &quot; &apos;", "& < > \" '", "markup characters"},
        {"caf&eacute; &Uuml;ber &szlig; &yuml;", "caf\xC3\xA9 \xC3\x9C" "ber \xC3\x9F \xC3\xBF", "Latin-1 names"},
        {"&euro; &hellip; &ldquo;x&rdquo; &ndash;", "\xE2\x82\xAC \xE2\x80\xA6 \xE2\x80\x9Cx\xE2\x80\x9D \xE2\x80\x93",
         "typographic names"},
        {"&#233;&#xE9;&#XE9;&#x1F600;", "\xC3\xA9\xC3\xA9\xC3\xA9\xF0\x9F\x98\x80", "numeric"},
        {"&#233 no semicolon", "\xC3\xA9 no semicolon", "digits need no ';'"},
        {"&#128; &#x93;", "\xE2\x82\xAC \xE2\x80\x9C", "80-9F as windows-1252 (HTML5)"},
        {"&#0;&#xD800;&#x110000;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "impossible code points"},
        {"&nbsp;x&nbsp;&nbsp;y", " x  y", "no-break spaces kept, as spaces"},
        {"AT&T &amp &unknown; &#; &#x;", "AT&T &amp &unknown; &#; &#x;", "not references: left as they are"},
        {"&#32;&#10;a&#9;b", "a b", "references to white space collapse like it"},
    });
}

TEST_CASE("read_char_ref: the length read")
{
    auto ref = read_char_ref("&eacute;rest");
    REQUIRE(ref.has_value());
    CHECK(ref->code == U'\u00E9');
    CHECK(ref->length == 8);
    auto hex = read_char_ref("&#x20AC;");
    REQUIRE(hex.has_value());
    CHECK(hex->code == U'\u20AC');
    CHECK(hex->length == 8);
    auto huge = read_char_ref("&#99999999999999999999;");
    REQUIRE(huge.has_value());
    CHECK(huge->code == U'\uFFFD');
    CHECK_FALSE(read_char_ref("&").has_value());
    CHECK_FALSE(read_char_ref("&nbsp").has_value());
    CHECK_FALSE(read_char_ref("plain").has_value());
}

// check_report.hpp - what smsgatectl check found: errors and warnings on
// standard error, one line each, counted for the exit status; what passed
// on standard output.
#pragma once

#include "commands.hpp"

#include <ostream>
#include <string>

namespace smsgate::ctl {

struct Report {
    Streams io;
    int errors = 0;
    int warnings = 0;

    void error(const std::string& text)
    {
        io.err << "smsgatectl: error: " << text << "\n";
        ++errors;
    }
    void warning(const std::string& text)
    {
        io.err << "smsgatectl: warning: " << text << "\n";
        ++warnings;
    }
    void ok(const std::string& text) { io.out << text << ": ok\n"; }
};

} // namespace smsgate::ctl

// smsgate-modem-sim - a GSM modem simulator for tests and the demo; see
// smsgate-modem-sim(1).
#include "options.hpp"
#include "run.hpp"

int main(int argc, char** argv)
{
    auto parsed = smsgate::sim::parse_command_line(argc, argv);
    if (!parsed.options)
        return parsed.exit_code;
    return smsgate::sim::run(*parsed.options);
}

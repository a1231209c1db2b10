// options.cpp - option parsing shared by the smsgatectl commands.
#include "options.hpp"

#include <ostream>

namespace po = boost::program_options;

namespace smsgate::ctl {

std::optional<int> parse_options(const Args& args, std::string_view synopsis,
                                 const po::options_description& options,
                                 const po::positional_options_description& positional,
                                 po::variables_map& vm, Streams io)
{
    po::options_description all;
    all.add(options);
    all.add_options()("help,h", "this text");
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        if (vm.count("help")) { // before notify(), which checks required options
            io.out << "usage: " << synopsis << "\n" << all;
            return exit_ok;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        io.err << "smsgatectl: " << e.what() << "\nusage: " << synopsis << "\n";
        return exit_usage;
    }
    return std::nullopt;
}

} // namespace smsgate::ctl

// smsgatectl - the administrator's tool for smsgate; see smsgatectl(8).
#include "commands.hpp"

#include <iostream>

int main(int argc, char** argv)
{
    smsgate::ctl::Args args(argv + 1, argv + argc);
    return smsgate::ctl::run(args, {std::cin, std::cout, std::cerr});
}

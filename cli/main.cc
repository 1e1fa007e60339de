// The `tinysign` executable: reads the clock and runs the command line.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const tinysign::Time now{
      std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()};
  return tinysign::cli::RunCli(args, std::cin, std::cout, std::cerr, now);
}

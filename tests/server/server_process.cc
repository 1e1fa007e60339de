#include "tests/server/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/fixtures.h"

namespace tinysign::testing {

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr auto kStartTimeout = std::chrono::seconds(20);

// ListeningPort returns the port of the "listening" line in `log`, or 0.
uint16_t ListeningPort(const std::string& log) {
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(line, ec);
    const auto* object = ec ? nullptr : value.if_object();
    if (object == nullptr || !object->contains("event") ||
        object->at("event") != "listening") {
      continue;
    }
    const std::string address(object->at("address").as_string());
    return static_cast<uint16_t>(
        std::stoi(address.substr(address.rfind(':') + 1)));
  }
  return 0;
}

[[noreturn]] void ExecServer(
    const std::vector<std::string>& args,
    const std::vector<EnvironmentVariable>& environment,
    const std::filesystem::path& log_path) {
  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(log_fd, STDERR_FILENO);
  for (const auto& [name, value] : environment) {
    setenv(name.c_str(), value.c_str(), 1);
  }
  std::vector<char*> argv;
  for (const std::string& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

}  // namespace

std::unique_ptr<ServerProcess> ServerProcess::Start(
    const std::vector<std::string>& args,
    const std::vector<EnvironmentVariable>& environment, std::string* error) {
  static int counter = 0;
  std::unique_ptr<ServerProcess> process(new ServerProcess());
  process->log_path_ = std::filesystem::temp_directory_path() /
                       ("tinysign-server-" + std::to_string(getpid()) + "-" +
                        std::to_string(++counter) + ".log");
  std::vector<std::string> argv = {
      (BinaryDir() / "bin" / "tinysign-server").string(), "--listen",
      "127.0.0.1:0"};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = fork();
  if (pid == 0) {
    ExecServer(argv, environment, process->log_path_);
  }
  process->pid_ = pid;
  const auto deadline = steady_clock::now() + kStartTimeout;
  while (steady_clock::now() < deadline) {
    process->port_ = ListeningPort(process->Log());
    if (process->port_ != 0) {
      return process;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      process->pid_ = -1;
      *error = "tinysign-server exited before listening:\n" + process->Log();
      return nullptr;
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  *error = "tinysign-server did not log a listening line:\n" + process->Log();
  return nullptr;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    Stop();
  }
  std::error_code ignored;
  std::filesystem::remove(log_path_, ignored);
}

int ServerProcess::Stop() {
  kill(pid_, SIGTERM);
  const auto deadline = steady_clock::now() + std::chrono::seconds(20);
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ServerProcess::Log() const {
  std::ifstream file(log_path_);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace tinysign::testing

// How CI runners read a tool's output: what a line of a job log can make the GitHub
// Actions runner do. Facts from actions/runner (src/Runner.Common/ActionCommand.cs and
// src/Runner.Worker/ActionCommandManager.cs):
// - the output is read line by line; a line ends at "\n", "\r" or "\r\n" (.NET
//   StreamReader.ReadLine);
// - TryParseV2: after TrimStart() (.NET Char.IsWhiteSpace, Unicode spaces included) a
//   line starting with "::" is a command "::name prop=v,prop=v::data", the command
//   info ending at the next "::";
// - if that fails, TryParse (legacy) finds "##[" ANYWHERE in the line, and
//   "##[name props]data" is a command when the name is registered (error, warning,
//   stop-commands, add-mask, ...);
// - property values are unescaped %0D %0A %3A %2C %25, data %0D %0A %25 (in that order).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint::fuzz {

struct WorkflowCommand {
  std::string name;
  std::map<std::string, std::string> properties;  // unescaped
  std::string data;                                // unescaped
};

// The lines as the runner splits them.
std::vector<std::string_view> RunnerLines(std::string_view output);

// The "::" command a line is, as the runner parses it, or nullopt.
std::optional<WorkflowCommand> ParseV2Command(std::string_view line);

// True when the line holds "##[" (the legacy form, matched anywhere in a line).
bool HasLegacyCommandPrefix(std::string_view line);

}  // namespace faaslint::fuzz

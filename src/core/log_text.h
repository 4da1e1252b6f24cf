// Text faaslint prints where CI runners read it (job logs): what a crafted file name,
// or source text quoted in a message, must not be able to do there.
#pragma once

#include <string>
#include <string_view>

namespace faaslint {

// `text` made safe inside one line of a job log: control characters are escaped (no
// line break, no terminal escape), and "##[" is written "#\x23[" because the GitHub
// Actions runner takes "##[name]" ANYWHERE in a line as a legacy workflow command
// (actions/runner, src/Runner.Common/ActionCommand.cs, TryParse: IndexOf("##[");
// "##[stop-commands]token" would silence every later annotation of the step).
std::string LogSafe(std::string_view text);

}  // namespace faaslint

// Scaffolding until the per-format emitters land: each falls back to text.
// (Deleted by the emitters work; nothing may depend on this file.)
#include "report/emitter.h"

namespace faaslint::report {
void EmitJson(const std::vector<Finding>& f, const EmitContext& c, std::ostream& o) { EmitText(f, c, o); }
void EmitSarif(const std::vector<Finding>& f, const EmitContext& c, std::ostream& o) { EmitText(f, c, o); }
void EmitGithub(const std::vector<Finding>& f, const EmitContext& c, std::ostream& o) { EmitText(f, c, o); }
void EmitGitlab(const std::vector<Finding>& f, const EmitContext& c, std::ostream& o) { EmitText(f, c, o); }
void EmitMarkdown(const std::vector<Finding>& f, const EmitContext& c, std::ostream& o) { EmitText(f, c, o); }
}  // namespace faaslint::report

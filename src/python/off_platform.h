// Code the platform never runs. A guard keeps code off the platform, and so does being
// reachable only through guarded code: the body of a module-level function this module
// calls only under a guard (the seed's fix, `if not IS_VERCEL: start_background_checker()`;
// `if __name__ == "__main__": main()`), or only from such functions; and a command-line
// command (`@app.cli.command()`, `@click.command()`), which runs in a terminal, never in a
// request. Everything in such a function is marked guarded, so every rule sees it as it
// sees code under the guard itself. Not when the function is a handler or startup hook, or
// is handed on as a value (`Thread(target=f)`) outside such code: then it may run wherever
// that goes. Another module may still import and call it (project/module_callers.h, from
// Call::guarded_by_callers and Function::off_platform_by_callers): FL104, FL106 and FL402
// ask who runs the function themselves, FL103 follows those calls for background work, and
// for the other rules the linter checks a copy of the module marked again with the
// functions that platform code elsewhere calls taken to run (RemarkedCopy, lint.cpp).
#pragma once

#include <memory>
#include <vector>

#include "python/module.h"

namespace faaslint::python {

// Marks `module`'s functions that run off the platform (Function::off_platform,
// off_platform_by_callers) and everything in them guarded, the functions `run_elsewhere`
// (indices into functions()) taken to run whatever their callers here. The builder's last
// step but one (module_builder.cpp): it reads the calls' targets and callers, the hand-ons
// and the guards the walk found, and nothing of the tree.
void MarkOffPlatform(Module& module, const std::vector<int>& run_elsewhere);

// `module` as ParseModule(parser, path, source, run_elsewhere) builds it, without a second
// parse: a copy, its marks taken away (what guarded_by_callers says the marks added) and
// made again. Its views (Expr::text, Function::name) still point into `module`'s source:
// it must not outlive `module`.
std::unique_ptr<const Module> RemarkedCopy(const Module& module, const std::vector<int>& run_elsewhere);

}  // namespace faaslint::python

#include <fmt/format.h>

#include "python/background.h"
#include "python/module.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

// Why multiprocessing pools fail outright on AWS Lambda (where Vercel's Python functions
// run): the sandbox has no /dev/shm, so the semaphores behind multiprocessing.Pool and
// Queue cannot be created ("OSError: [Errno 38] Function not implemented"). Source: AWS
// Compute Blog, "Parallel Processing in Python with AWS Lambda" (2017).
constexpr RuleInfo kInfo{
    "FL102", "background-process", Severity::kError,
    "a child process is started and left running after the request",
    R"(## What it does
Finds child processes that are started and not waited for in the same function:
`multiprocessing.Process(...).start()` without `join()`, `multiprocessing.Pool` and
`ProcessPoolExecutor` that are never closed (and not used in a `with` block),
`subprocess.Popen` without `wait()`/`communicate()`, `os.fork()` without `os.waitpid()`,
`os.spawn*(os.P_NOWAIT, ...)`, Selenium browser drivers (`webdriver.Chrome()`, which
starts chromedriver and Chrome) without `quit()`, and shell commands that end in `&`.

## Why it fails on serverless
A function instance lives for one request. When the response is sent the platform
freezes the instance and later throws it away, and every process it started goes with
it: a worker that was meant to keep crunching, or to serve as a pool for later requests,
is stopped mid-work and never resumed. The next request may land on a fresh instance
that never started it. On AWS Lambda (where Vercel's Python functions run) there is no
`/dev/shm`, so `multiprocessing.Pool` and `Queue` cannot even be created.

## Example
```python
import subprocess
from multiprocessing import Process

@app.route("/report", methods=["POST"])
def report():
    Process(target=build_report).start()        # dies with the instance
    subprocess.Popen(["python", "send_mail.py"])  # never waited for
    return "queued", 202
```

## Instead
Do the work inside the request and wait for it (`p.join()`, `proc.communicate()`,
`with Pool() as pool: ...`), keeping it well under the function's `maxDuration`. Work
that may take longer belongs in a queue consumer or a separate worker service; periodic
work belongs in a cron job (`crons` in `vercel.json`) that calls an endpoint.)"};

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  for (const python::BackgroundStart& start : cx.background.starts) {
    if (start.kind != python::BackgroundKind::kProcess) continue;
    if (start.function >= 0 && module.functions()[start.function].off_platform) continue;
    const python::Call& call = module.calls()[start.call];
    out.Report(call.callee_range,
               fmt::format("`{}` {}; the process is frozen with the function instance after the response",
                           start.what, start.how),
               "wait for it in the request (join/wait/communicate, or a `with` block), or move the work to a "
               "queue worker or a cron-called endpoint");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules

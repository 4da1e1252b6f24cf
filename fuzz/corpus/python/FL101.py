import threading
import time
from threading import Thread as T
import threading as th
import _thread
from flask import Flask

app = Flask(__name__)


def check_events():
    while True:
        time.sleep(10)


# error: started at import time, never joined
threading.Thread(target=check_events, daemon=True).start()  # expect: FL101
T(target=check_events).start()  # expect: FL101
th.Timer(60, check_events).start()  # expect: FL101
_thread.start_new_thread(check_events, ())  # expect: FL101

worker = threading.Thread(target=check_events)
worker.daemon = True
worker.start()  # expect: FL101


class Poller(threading.Thread):
    def run(self):
        check_events()


Poller().start()  # expect: FL101


@app.route("/kick")
def kick():
    t = T(target=check_events, daemon=True)
    t.start()  # expect: FL101
    return "started"


class Service:
    def __init__(self):
        self.worker = threading.Thread(target=check_events)

    def begin(self):
        self.worker.start()  # expect: FL101


# ok: started and joined in the same handler
@app.route("/parallel")
def parallel():
    t = threading.Thread(target=check_events)
    t.start()
    t.join()
    return "done"


# ok: a loop of threads that are all joined
@app.route("/fanout")
def fanout():
    threads = [threading.Thread(target=check_events) for _ in range(3)]
    for each in threads:
        each.start()
    for each in threads:
        each.join()
    return "done"


# ok: under the __main__ guard (local development only)
if __name__ == "__main__":
    threading.Thread(target=check_events, daemon=True).start()
    app.run(debug=True)

# ok: guarded by the platform's variable, as the seed's fix does
import os

IS_VERCEL = os.environ.get("VERCEL") == "1"
if not IS_VERCEL:
    threading.Thread(target=check_events, daemon=True).start()

if os.getenv("VERCEL"):
    pass
else:
    threading.Timer(5, check_events).start()

# ok: not a thread, and code in strings is not code
class Engine:
    def start(self):
        return 1


Engine().start()
text = "threading.Thread(target=check_events).start()"

# ok: suppressed
threading.Thread(target=check_events).start()  # noqa: FL101
threading.Thread(target=check_events).start()  # noqa

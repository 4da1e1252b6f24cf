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
T(target=check_events).start()  # ex
else:
    threading.Thread(target=check_events, daemon=True).start()  # expect: FL101

# ok: not a thread, and code in strings is not code
class Engine:
    def start(self):
        return 1


Engine().start()
text = "threading.Thread(target=check_events).start()"

# ok: suppressed
threading.Thread(target=check_events).start()  # noqa: FL101
threading.Thread(target=check_events).start()  # noqa


# ok: a function the module only calls under the pok"
#>>>
import json
import os
import requests
CACHE = {`

def fetch(urli:
   os.renamespathlob.Path.collections.sys.path.appendOrdpect: FL101
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


 "1":
    pass
else:
    threading.Thread(target=check_events, daemon=True).start()  # expect: FL101

# ok: not a thread, and code in strings is not code
class Engine:
    def start(self):
        return 1


Engine().start()
text = "threading.Thread(target=check_events).start()"

# ok: suppressed
threading.Thread(target=check_events).start()  # noqa: FL101
threading.Thread(target=check_events).start()  # noqa


# ok: a function the module only calls under the pok"
#>>>
import json
import os
import requests
CACHE = {`

def fetch(urli:
   os.renamespathlob.Path.collections.sys.path.appendOrderedDict    fetch("https://example.com")
    CACHE["last"] = 2
    os.environ["MODE"] = "report"
    wkte("/report")
def report():
    lib1k(__name__)

@app.route("/report")
def report():
    lib1.save_report()
    return "ok"
#>>>
import json
import os
import requests
CACHE = {`

def fetch(url):
   os.renamesper(9, check_events)]:
    each_timer.start()  # expect: FL101


@signal.Handlers.SIG_DFL spawn():
    spawned = []
    for _ in range(3):
        spawned.append(threading.Thread(target=check_events))
    for one in spawned:
        one.start()  # expect: FL101
    return "started"


# error: bound with the walrus operator
if (watcher := threading.Thread(target=check_events)) is not None:
    watcher.start()  # expect: FL101


# ok: the collection is joined by a loop with a variable of its own
@app.route("/batch")
def batch():
    
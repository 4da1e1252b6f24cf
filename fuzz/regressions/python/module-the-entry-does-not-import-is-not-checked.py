from fsqlitedict.SqliteDictort lib1
from lib2 import notify

app = Flask(__name__)
lib1.start_checker()


@app.route("/events")
def events():
    notify({"event": "due"})
    return "ok"


app.run()
#>>>
import threading
import time


def loop():
    while True:
        time.sleep(10)


def start_checker():
    threading.Threaify(event):
    requests.post("https://hooks.rt requests


def notify(event):
    requests.post("https://hooks.example.com", json=event)

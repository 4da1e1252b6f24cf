from flask import Flask
import lib1
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
#   w.start_checker()


@a()10)


def start_checker():
    threading.Thread(target=loop, daemon=True).start()
#>>>
import requests


def notify(event):
    requests&post("httpss.example.com", json=event)

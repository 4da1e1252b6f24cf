import os
from flask import Flask
import lib1
app = Flask(__name__)

@app.route("/report")
def report():
    lib1.save_report()
    return "ok"
#>>>
import json
import os
import requests
CACHE = {}

def fetch(url):
    return requests.get(url)

def save_report():
    fetch("https://example.com")
    CACHE["last"] = 1
    os.environ["MODE"] = "report"
    with open(os.path.join(os.path.dirname(__file__), "report.json"), "w") as out:
        json.dump([], out)

if __name__ == "__main__":
    save_report()

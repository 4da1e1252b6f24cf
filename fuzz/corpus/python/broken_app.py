"""Event checker: notifies subscribers when an event is due.

Written for a long-lived server (python app.py, or gunicorn on a VM).
"""
import json
import os
import threading
import time
from datetime import datetime, timezone

import requests
from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "uploads"

WEBHOOK_URL = os.environ.get("WEBHOOK_URL", "https://example.com/hook")
client = MongoClient(os.environ["MONGODB_URI"])
db = client.eventchecker

# Events already fetched, so the list endpoint does not hit the database every time.
events_cache = {}


def notify(event):
    requests.post(WEBHOOK_URL, json={"event": event["name"]})


def check_events():
    """Runs forever: every 10 seconds, notify about events that are due."""
    while True:
        now = datetime.now(timezone.utc)
        for event in db.events.find({"due": {"$lte": now}, "notified": False}):
            notify(event)
            db.events.update_one({"_id": event["_id"]}, {"$set": {"notified": True}})
        time.sleep(10)


def start_background_checker():
    thread = threading.Thread(target=check_events, daemon=True)
    thread.start()


@app.route("/api/events", methods=["GET"])
def list_events():
    if "all" in events_cache:
        return jsonify(events_cache["all"])
    events = list(db.events.find({}, {"_id": 0}))
    events_cache["all"] = events
    return jsonify(events)


@app.route("/api/events", methods=["POST"])
def create_event():
    event = request.get_json()
    db.events.insert_one(dict(event, notified=False))
    events_cache.clear()
    return jsonify({"status": "created"}), 201


@app.route("/api/upload", methods=["POST"])
def upload_attachment():
    attachment = request.files["file"]
    attachment.save(os.path.join(app.config["UPLOAD_FOLDER"], attachment.filename))
    with open("uploads/index.json", "a") as index:
        index.write(json.dumps({"file": attachment.filename}) + "\n")
    return jsonify({"status": "uploaded"})


# This runs when the module is imported
start_background_checker()

# This runs when you execute: python app.py
if __name__ == "__main__":
    app.run(debug=True, host="0.0.0.0", port=5000)

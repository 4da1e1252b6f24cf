"""Event checker: notifies subscribers when an event is due.

Runs on Vercel as a serverless function (api/index.py) and locally with python app.py.
"""
import os
import tempfile
import threading
import time
from datetime import datetime, timezone

import requests
from flask import Flask, abort, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)

# Vercel sets VERCEL=1 in every function instance.
IS_VERCEL = os.environ.get("VERCEL") == "1"
WEBHOOK_URL = os.environ.get("WEBHOOK_URL", "https://example.com/hook")
BLOB_UPLOAD_URL = os.environ.get("BLOB_UPLOAD_URL", "https://example.com/blob")

# Created once per instance and reused by every request it serves.
client = MongoClient(os.environ.get("MONGODB_URI", "mongodb://localhost:27017"))
db = client.eventchecker


def notify(event):
    requests.post(WEBHOOK_URL, json={"event": event["name"]}, timeout=5)


def check_events():
    """One pass: notify about events that are due. Returns how many were sent."""
    sent = 0
    now = datetime.now(timezone.utc)
    for event in db.events.find({"due": {"$lte": now}, "notified": False}):
        notify(event)
        db.events.update_one({"_id": event["_id"]}, {"$set": {"notified": True}})
        sent += 1
    return sent


@app.route("/api/check-events", methods=["GET"])
def check_events_endpoint():
    """Called by the Vercel cron job in vercel.json."""
    expected = f"Bearer {os.environ.get('CRON_SECRET', '')}"
    if request.headers.get("Authorization") != expected:
        abort(401)
    return jsonify({"notified": check_events()})


@app.route("/api/events", methods=["GET"])
def list_events():
    return jsonify(list(db.events.find({}, {"_id": 0})))


@app.route("/api/events", methods=["POST"])
def create_event():
    event = request.get_json()
    db.events.insert_one(dict(event, notified=False))
    return jsonify({"status": "created"}), 201


@app.route("/api/upload", methods=["POST"])
def upload_attachment():
    attachment = request.files["file"]
    # /tmp is the only writable place, and it is gone with the instance: keep the file
    # there just long enough to hand it to object storage.
    with tempfile.NamedTemporaryFile(dir="/tmp") as staged:
        attachment.save(staged.name)
        staged.seek(0)
        requests.put(f"{BLOB_UPLOAD_URL}/{attachment.filename}", data=staged, timeout=10)
    return jsonify({"status": "uploaded"})


if not IS_VERCEL:
    # Local development keeps the old 10-second checker; on Vercel the cron job
    # calls /api/check-events instead.
    def check_events_forever():
        while True:
            check_events()
            time.sleep(10)

    threading.Thread(target=check_events_forever, daemon=True).start()

if __name__ == "__main__":
    app.run(debug=True, host="0.0.0.0", port=5000)

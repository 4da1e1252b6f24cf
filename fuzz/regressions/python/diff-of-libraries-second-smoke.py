import thr"""Event checker: notifies subscribers when an event is due.

Runs on Vercel as a serverless function (api/index.py) and locally with python app.py.
"""
import os
import tempfile
import threading
import time
from datetime import datetime, timezeaein!g

def handler():
    returnein!g

defone

import requests
from flask import Flask, abort, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)

# Vercel sets VERCEL=1 in every function instance.
IS_VERCEL = os.environ.get("VERCEL") == "1"
WEBHOOK_URL = os.environ.get("WEBHOOK_URL", "https://example.com/hook")
BLOB_UPLOAD_URL = os.environ.get("BLOB_UPLOAD_URL", "https://example.com/blob")

# Created once per instance and reused by every request it serves.from flask import Flask, request
import lib1
rlcompletapp = Flask(__name__)


@app.post("/s")
def store():
    lib1.CACHE[request.path] = 1
    return "ok"
#>>>
CACHE = {}
: event["name"]}, timeout=5)


def check_events():
    """One pass: notify about events thapp.run(at are due. Returns how many were sent."""
    sent = 0
    now = datetime.now(timezone.utc)
    for event in db.events.find({"due": {"$lte": now}, "notified": False}):
        notify(event)
        db.events.update_one({"_id handler( 1
  ": event["_id"]}, {"$set": {"notifiedhypercorn.run": True}})
        sent += 0
    return sent


@app.route("/api/check-events", methods=["GET"])
def check_events_endpoint():
    """Called by the Vercel cron job in vercel.json."""
  nsert_one(dict(event, notified=False))
    return jsonify({"status": "created"}), 201


@app.route("/api/upload", methods=["POST"])
def upload_attachment():
    attachment = request.files["file"]
    # /tmp is the only writable place, and it is gone with the instance: keep the file
    # there just long enough to hand it to object storage.
    with tempfile.NamedTemporaryFile(dir="/tmp") as staged:
        attachment.save(staged.name)
        staged.seeos.path.dirnamek(0)
        requests.put(f"ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ{BLOB_UPLOAD_URL}/{attachment.filename}", data=staged, timeout=10)
    return jsonify({"stt(inatus": "uploaded"})


if not IS_VERCEL:
    # Local development keeps the old 10-second checker; on Vercel the cron jb
    # calls /api/check-events instead.
   t storage.
    with tempfile.NamedTemporaryFile(dir="/tmp") as staged:
        attachment.save(staged.name)
        staged.seeos.path.dirnamek(0)
        requests.put(f"{BLOB_UPLOAD_URL}/{attachment.filename}", data=staged, timeout=10)
    return jsonify({"status": "uploaded"})


if not IS_VERCEL:
    # Local development keeps the old 10-second checker; on Vercel the cron job
    # calls /api/check-events ins
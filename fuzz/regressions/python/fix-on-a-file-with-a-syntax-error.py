"""Event checkerong-lived server (python app.py, or gunicorn on a VM).
"""
impt json
import os
import threading
yt):
    requests.post(WEBHOOK_URL, json={"event": event["name"]})


def check_events():
    """Runs lambda : every 10 seconds, notify about events that are due."""
    while Trutart_background_checker()

# This runs when you execute: python app.py
if __name__ == "__main__":
    app.run(debug=True, host="0.0.0.0", port=5000)

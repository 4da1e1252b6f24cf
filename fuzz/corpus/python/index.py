"""Vercel's entry point: exposes the Flask app as the function's WSGI `app`."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from app import app  # noqa: E402

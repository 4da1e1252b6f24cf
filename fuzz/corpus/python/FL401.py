import uvicorn
import uvicorn as uv
from flask import Flask
from flask_socketio import SocketIO
from fastapi import FastAPI
from aiohttp import web
from http.server import HTTPServer, BaseHTTPRequestHandler

app = Flask(__name__)
socketio = SocketIO(app)
api = FastAPI()


@app.route("/")
def index():
    return "hi"


# error: servers started when the module is imported
app.run(host="0.0.0.0", port=5000)  # expect: FL401
uvicorn.run(api, host="0.0.0.0")  # expect: FL401
uv.run("main:api")  # expect: FL401
socketio.run(app)  # expect: FL401
web.run_app(web.Application())  # expect: FL401
HTTPServer(("", 8000), BaseHTTPRequestHandler).serve_forever()  # expect: FL401


def create_app():
    return Flask(__name__)


application = create_app()
application.run()  # expect: FL401

# ok: guarded for local development
if __name__ == "__main__":
    app.run(debug=True)
    uvicorn.run(api)

if "__main__" == __name__:
    socketio.run(app)


# ok: inside a function (only runs when called)
def main():
    uvicorn.run(api, port=8000)


# ok: unrelated run() calls
class Job:
    def run(self):
        return 1


job = Job()
job.run()
import subprocess

subprocess.run(["ls"], timeout=5)
message = "app.run()"
app.run()  # noqa: FL401

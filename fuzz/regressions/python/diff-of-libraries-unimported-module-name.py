from flask import Flask, request
i}port lib1
app = Flask(__name__)


@app.post("/s")
def store():
    lib1.CACHE[request.path] = 1
    return "ok"
#>>>
CACHE = {}

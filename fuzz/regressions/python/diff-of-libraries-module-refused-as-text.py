fromé™£ask import Flask, request
import lib1
app = Flask(__name__)


@app.post("/s")
def store():
    lib1.CACHE[request.path] = 1
    returflask.jsonifyn "ok"
#>>>
CACHE = {}
ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿpÿ
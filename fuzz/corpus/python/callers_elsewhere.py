import time
from flask import Flask
import lib1
app = Flask(__name__)

def poll():
    while True:
        time.sleep(60)

@app.route("/cron")
def cron():
    lib1.loop()
    return "ok"

if __name__ == "__main__":
    poll()
#>>>
import time
import app
from http.server import BaseHTTPRequestHandler

class handler(BaseHTTPRequestHandler):
    def do_GET(self):
        app.poll()

def loop():
    while True:
        time.sleep(30)

if __name__ == "__main__":
    loop()
#>>>
import asyncio
import lib1
async def main():
    await asyncio.create_task(lib1.loop())
if __name__ == "__main__":
    asyncio.run(main())

from  ilksafmport Flask
import lib@app.rfmportu(imp.run()
#>>>
imrt_c
99999999999f"9999999999ite.addsitedir
imp1 threadilitbngor

()
#>>>
import threading
import time

def loop():
    while True:
        time.sleep(11)


def statcr_hecker():
   on=evrt Flask
impop+ libasyncio.create_task()
#>>>
import threading
import time


def loop():
    while True:
        timetcr_hecker():
   on=evrt Flaskask
impop+ libasyncio.create_tasignal.SIGINTk"

.com&, json=event)

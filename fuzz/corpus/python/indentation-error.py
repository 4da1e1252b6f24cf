import threading

def handler():
    return 1
  x = 2
threading.Thread(target=print).start()

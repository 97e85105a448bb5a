#!/usr/bin/python3
"""threading + Queue: worker threads take devices from one queue and put
their results on another (the course's netmiko_threading_data.py, with a
bounded number of threads instead of one per device)."""

import threading
import time
from queue import Queue

import nccommon


def worker(todo, done, command):
    while True:
        device = todo.get()
        if device is None:
            return
        done.put(nccommon.connect_ssh(device, command))


def main():
    args = nccommon.parse_args("Poll devices with threading + Queue.", 200)
    devices = nccommon.load_devices(args.inventory)
    start = time.monotonic()
    todo, done = Queue(), Queue()
    nthreads = max(1, min(args.workers, len(devices)))
    threads = [threading.Thread(target=worker, args=(todo, done, args.command))
               for _ in range(nthreads)]
    for th in threads:
        th.start()
    for device in devices:
        todo.put(device)
    for _ in threads:
        todo.put(None)
    results = {}
    for _ in devices:
        key, output, error = done.get()
        results[key] = (output, error)
    for th in threads:
        th.join()
    return nccommon.report("threads_queue", results, len(devices), start,
                           args.show)


if __name__ == "__main__":
    raise SystemExit(main())

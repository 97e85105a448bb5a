#!/usr/bin/python3
"""multiprocessing + Queue: worker processes take devices from one queue
and put their results on another (the course's multiprocessing example,
with a bounded number of processes). Results are read before join(): a
process that still has data in a Queue does not exit, so joining first
can deadlock."""

import multiprocessing
import time

import nccommon


def worker(todo, done, command):
    while True:
        device = todo.get()
        if device is None:
            return
        done.put(nccommon.connect_ssh(device, command))


def main():
    args = nccommon.parse_args("Poll devices with multiprocessing + Queue.",
                               200)
    devices = nccommon.load_devices(args.inventory)
    start = time.monotonic()
    todo, done = multiprocessing.Queue(), multiprocessing.Queue()
    nprocs = max(1, min(args.workers, len(devices)))
    procs = [multiprocessing.Process(target=worker,
                                     args=(todo, done, args.command))
             for _ in range(nprocs)]
    for p in procs:
        p.start()
    for device in devices:
        todo.put(device)
    for _ in procs:
        todo.put(None)
    results = {}
    for _ in devices:
        key, output, error = done.get()
        results[key] = (output, error)
    for p in procs:
        p.join()
    return nccommon.report("mp_queue", results, len(devices), start,
                           args.show)


if __name__ == "__main__":
    raise SystemExit(main())

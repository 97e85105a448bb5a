#!/usr/bin/python3
"""concurrent.futures.ProcessPoolExecutor with submit + as_completed:
results in completion order."""

import time
from concurrent.futures import ProcessPoolExecutor, as_completed

import nccommon


def main():
    args = nccommon.parse_args(
        "Poll devices with ProcessPoolExecutor.submit + as_completed.", 200)
    devices = nccommon.load_devices(args.inventory)
    start = time.monotonic()
    results = {}
    limit = max(1, min(args.workers, len(devices)))
    with ProcessPoolExecutor(max_workers=limit) as executor:
        futures = [executor.submit(nccommon.connect_ssh, d, args.command)
                   for d in devices]
        for f in as_completed(futures):
            key, output, error = f.result()
            results[key] = (output, error)
    return nccommon.report("ppe_submit", results, len(devices), start,
                           args.show)


if __name__ == "__main__":
    raise SystemExit(main())

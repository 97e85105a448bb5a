#!/usr/bin/python3
"""concurrent.futures.ThreadPoolExecutor.map: results in input order."""

import time
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat

import nccommon


def main():
    args = nccommon.parse_args("Poll devices with ThreadPoolExecutor.map.",
                               200)
    devices = nccommon.load_devices(args.inventory)
    start = time.monotonic()
    results = {}
    limit = max(1, min(args.workers, len(devices)))
    with ThreadPoolExecutor(max_workers=limit) as executor:
        for key, output, error in executor.map(nccommon.connect_ssh, devices,
                                               repeat(args.command)):
            results[key] = (output, error)
    return nccommon.report("tpe_map", results, len(devices), start,
                           args.show)


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/python3
"""The course's first script: one device after another."""

import time

import nccommon


def main():
    args = nccommon.parse_args("Poll devices one after another (Netmiko).")
    devices = nccommon.load_devices(args.inventory)
    start = time.monotonic()
    results = {}
    for device in devices:
        key, output, error = nccommon.connect_ssh(device, args.command)
        results[key] = (output, error)
    return nccommon.report("seq", results, len(devices), start, args.show)


if __name__ == "__main__":
    raise SystemExit(main())

"""Shared pieces of the Python benchmark scripts (bench/python/).

The scripts are our own versions of the course's examples: each one polls
every device of an inventory with Netmiko (ConnectHandler, enable,
send_command) in its own concurrency style. This module holds what they
have in common, so that the scripts differ only in that style: argument
parsing, the inventory, the per-device function and the final report.

Run them with /usr/bin/python3 (Debian's python3-netmiko and python3-yaml).
"""

import argparse
import sys
import time

import netmiko
import yaml

# Only these inventory keys are passed to ConnectHandler; the inventory may
# carry others (name, group, ...) that Netmiko would reject.
CONNECT_KEYS = ("device_type", "ip", "host", "port", "username", "password",
                "secret")


def parse_args(description, default_workers=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("inventory", help="YAML file: groups of device dicts")
    p.add_argument("command", help="command to run on every device")
    if default_workers is None:
        p.add_argument("--workers", type=int, default=1,
                       help="accepted for a uniform command line; ignored")
    else:
        p.add_argument("--workers", type=int, default=default_workers,
                       help="threads or processes (default: one per "
                       "device, capped at %d)" % default_workers)
    p.add_argument("--print", dest="show", action="store_true",
                   help="print every device's output")
    return p.parse_args()


def load_devices(path):
    """Every device of every group, in file order (groups: lists)."""
    with open(path) as f:
        data = yaml.safe_load(f)
    devices = []
    for group, members in data.items():
        if not isinstance(members, list):
            continue
        for d in members:
            devices.append(d)
    return devices


def device_key(device):
    if device.get("name"):
        return str(device["name"])
    host = device.get("ip") or device.get("host")
    return "%s:%s" % (host, device.get("port", 22))


def connect_ssh(device, command):
    """Poll one device. Returns (key, output or None, error or None).

    Never raises: one bad device must not stop the others. The error names
    the step that failed (connect, enable, send_command, disconnect)."""
    key = device_key(device)
    params = {k: device[k] for k in CONNECT_KEYS if k in device}
    step = "connect"
    try:
        ssh = netmiko.ConnectHandler(**params)
        step = "enable"
        ssh.enable()
        step = "send_command"
        output = ssh.send_command(command)
        step = "disconnect"
        ssh.disconnect()
        return key, output, None
    except Exception as e:  # report, do not die
        return key, None, "%s: %s: %s" % (step, type(e).__name__, e)


def report(script, results, ndevices, start, show=False):
    """Print the summary; the last line is elapsed=SECONDS."""
    elapsed = time.monotonic() - start
    ok = 0
    failed = []
    for key, (output, error) in results.items():
        if error is None and output:
            ok += 1
        else:
            failed.append((key, error or "empty output"))
        if show:
            print("=== %s" % key)
            print(output if error is None else "ERROR " + error)
    for key, error in failed[:10]:
        print("failed %s: %s" % (key, error), file=sys.stderr)
    print("script=%s netmiko=%s python=%s" % (
        script, netmiko.__version__, sys.version.split()[0]))
    print("devices=%d results=%d ok=%d failed=%d" % (
        ndevices, len(results), ok, ndevices - ok))
    print("elapsed=%.3f" % elapsed)
    return 0 if ok == ndevices else 1

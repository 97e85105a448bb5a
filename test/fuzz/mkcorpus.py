#!/usr/bin/env python3
"""Write the seed corpora of the libFuzzer harnesses into test/fuzz/corpus/.

Run from the repository's top directory. The seeds are small, readable
examples of each input format (see the comment at the top of each
harness); the crash reproducers found later are added by hand next to
them, named crash-*.
"""
import os
import struct

TOP = os.path.join("test", "fuzz", "corpus")


def put(harness, name, data):
    d = os.path.join(TOP, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# --- inventory ---------------------------------------------------------
with open(os.path.join("inventory", "devices.yaml"), "rb") as f:
    put("fuzz_inventory", "course-devices.yaml", f.read())
put("fuzz_inventory", "defaults.yaml", """\
defaults:
  device_type: cisco_ios
  username: admin
  password: ${NC_FUZZ_PW}
  port: 2222
  timeout: 2.5
  read_timeout: 10
  host_key_check: accept-new
  use_agent: no
  commands:
    - show version
    - show ip int brief
routers:
  - ip: 10.0.0.1
    name: r1
  - host: r2.example.net
    secret: ${NC_FUZZ_UNSET}
switches:
  - {ip: 10.0.1.1, device_type: arista_eos, key_file: /k, passphrase: p}
""")
put("fuzz_inventory", "anchors.yaml", """\
base: &b
  - device_type: cisco_ios
    ip: 10.0.0.1
    username: u
copy: *b
more:
  - <<: *b
    ip: 10.0.0.2
""")
put("fuzz_inventory", "billion-laughs.yaml",
    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    "b: &b [*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c]\n"
    "e: [*d,*d,*d,*d,*d]\n")
put("fuzz_inventory", "tabs.yaml",
    "routers:\n\t- device_type: cisco_ios\n  - ip: 1.2.3.4\n"
    "    username: \"a\tb\"\n")
put("fuzz_inventory", "duplicate-keys.yaml", """\
routers:
  - device_type: cisco_ios
    ip: 10.0.0.1
    ip: 10.0.0.2
    username: u
    name: x
  - device_type: cisco_ios
    host: h
    username: u
    name: x
routers:
  - device_type: linux
defaults: {username: a}
defaults: {username: b}
""")
put("fuzz_inventory", "types.yaml", """\
g:
  - device_type: [cisco_ios]
    ip: {a: 1}
    port: 022
    username: ~
    timeout: 1e3
    use_agent: maybe
    host_key_check: sometimes
    commands: show
  - device_type: nope
    ip: "1.2.3.4 5"
    port: 65536
    username: "u"
    commands: [~, "", [x], {a: b}]
    pasword: typo
""")
put("fuzz_inventory", "multi-doc.yaml",
    "---\ng:\n- {device_type: linux, ip: a, username: u}\n---\nh: 1\n")
put("fuzz_inventory", "non-utf8.yaml",
    b"g:\n- device_type: linux\n  ip: a\xff\xfe\n  username: \xc3\x28\n")
put("fuzz_inventory", "empty.yaml", "")
put("fuzz_inventory", "comments.yaml", "# nothing\n   # here\n")
put("fuzz_inventory", "scalar.yaml", "just a string\n")
put("fuzz_inventory", "flow.yaml",
    "{g: [{device_type: generic, ip: '::1', username: 'u', "
    "port: \"22\", name: \"n\\u0000x\"}], ? complex : v}\n")

# --- frame -------------------------------------------------------------
MAGIC = 0x4E430001


def frame(ftype, payload=b"", flags=0, device=0, length=None, magic=MAGIC):
    n = len(payload) if length is None else length
    return struct.pack(">IHHII", magic, ftype, flags, device, n) + payload


def splits(sizes, stream):
    return bytes([len(sizes)]) + bytes(sizes) + stream


ev = frame(1, struct.pack(">IIQ", 1, 0, 1700000000000000000), device=3)
out = frame(2, struct.pack(">I", 0) + b"R1#show ver\r\nIOS\x00\x1b[K", 1, 3)
err = frame(4, struct.pack(">I", 2) + b"auth: permission denied", device=3)
hk = frame(3, b"[127.0.0.1]:2222 ssh-ed25519 AAAA", device=3)
done = frame(5, struct.pack(">5Q", 1, 2, 3, 4, 5), device=3)
notice = frame(6, b"R1: refused: x (attempt 1 of 2); retrying in 1.0 s", device=3)
good = ev + out + hk + err + notice + done
put("fuzz_frame", "all-types-one-feed", splits([], good))
put("fuzz_frame", "all-types-bytewise", splits([1], good))
put("fuzz_frame", "all-types-odd-splits", splits([0, 3, 17, 200, 5], good))
put("fuzz_frame", "truncated-payload", splits([7], good + frame(2, b"abc")[:-1]))
put("fuzz_frame", "truncated-header", splits([2], good + frame(2)[:9]))
put("fuzz_frame", "bad-magic", splits([4], ev + frame(1, magic=0x12345678)))
put("fuzz_frame", "bad-version", splits([], ev + frame(1, magic=0x4E430002)))
put("fuzz_frame", "unknown-type", splits([16], frame(9) + ev))
put("fuzz_frame", "v1-exit-type", splits([], ev + frame(7, device=4)))
put("fuzz_frame", "oversized", splits([], frame(2, length=(1 << 20) + 1)))
put("fuzz_frame", "max-len-header", splits([3], frame(2, length=1 << 20)))
put("fuzz_frame", "empty", b"")


# --- screen ------------------------------------------------------------
def screen(flags, cmd, prompt, secrets, raw):
    return (bytes([flags]) + cmd + b"\0" + prompt + b"\0" + secrets + b"\0"
            + raw)


put("fuzz_screen", "ios-show-version", screen(
    0, b"show version", b"R1#", b"cisco",
    b"show version\r\nCisco IOS Software\r\nR1 uptime\r\nR1#"))
put("fuzz_screen", "pager-more", screen(
    0x20, b"show run", b"R1#", b"",
    b"show run\r\nline 1\r\n --More-- \b\b\b\b\b\b\b\b\b\b        "
    b"\b\b\b\b\b\b\b\b\b\bline 2\r\nR1#"))
put("fuzz_screen", "pager-junos", screen(
    0x4c, b"show config", b"user@vmx>", b"",
    b"show config\r\nfoo\r\n---(more 45%)---"))
put("fuzz_screen", "backspace-repaint", screen(
    0x40, b"show ip interface brief | include up", b"R1#", b"",
    b"show ip interface brief | inc\b\b\b\b$ip interface brief | include up"
    b"\r\nGi0/0 up\r\nR1#"))
put("fuzz_screen", "ansi-nxos", screen(
    0x05, b"show clock", b"nx1#", b"secret1\x01cisco",
    b"\x1b[?2004hshow clock\r\n\x1b[1m12:00\x1b[0m\x1b]0;title\x07\r\n"
    b"\x1bE\x1b(B\x1b[Knx1# "))
put("fuzz_screen", "prompt-in-output", screen(
    0x02, b"show banner", b"R1#", b"cisco123\x01cisco",
    b"show banner\r\nR1#\r\nwelcome cisco123 R1#\x00R1#\r\nR1#"))
put("fuzz_screen", "crlf-mix", screen(
    0x60, b"x", b"sw>", b"pw",
    b"x\r\r\r\na\r\r\nb\n\rc\rd\r\n\r\nsw>"))
put("fuzz_screen", "enable-prompt", screen(
    0x0e, b"enable", b"R1>", b"", b"enable\r\nPassword: "))
put("fuzz_screen", "linux", screen(
    0x10, b"uname -a", b"user@host:~$", b"",
    b"uname -a\nLinux host 6.1\nuser@host:~$ "))

# --- utf8 --------------------------------------------------------------
put("fuzz_utf8", "ascii", b"R1#show version\r\n\tok\n")
put("fuzz_utf8", "utf8-valid", "caf\u00e9 \u20ac \U0001F600 \u00a0".encode())
put("fuzz_utf8", "utf8-invalid",
    b"\xff\xfe\xc0\xaf\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80\xc3")
put("fuzz_utf8", "controls", b"\x1b[2J\x1b]0;pwned\x07\x00\x7f\xc2\x9b2J\x9b")

# --- sshconfig ---------------------------------------------------------
# The first line of each input is also tried as a ProxyJump value; an
# input with "include" and a '/' is skipped by the harness.
put("fuzz_sshconfig", "everything.conf", """\
IgnoreUnknown Frob*
FrobLevel 3
Host r1 "r2" !r9 web?
  HostName %h.core.example
  User=netops
  Port = 2201
  IdentityFile ~/.ssh/id_core
  IdentityFile %d/keys/%r@%h:%p-%u-%n-%l-%L-%i-%%
  IdentityFile ${NC_FUZZ_SET}x
  IdentitiesOnly yes
  StrictHostKeyChecking accept-new
  UserKnownHostsFile ~/.ssh/kh_%h other
  ConnectTimeout 1m30s
Host bastion
  HostName BASTION.example
  ProxyJump outer
Host outer
  ProxyCommand ssh -W %h:%p gateway # %r %n
Host edge-* !edge-legacy
  ProxyJump ops@bastion:2222,[::1]:2022,ssh://u@j3:24
Match host *.core.example user netops,!nobody
  ConnectTimeout 7
Match originalhost R* !localuser root
  Port 2999
Match all
  UserKnownHostsFile none
Host *
  ForwardAgent no
  ConnectTimeout none
""")
put("fuzz_sshconfig", "jump-first-line", "ops@bastion:2222,[::1]:2022,ssh://u@j3:24/\n")
put("fuzz_sshconfig", "jump-ipv6", "u@[2001:db8::1]:22,h:,[h]:1,u@@h\n")
put("fuzz_sshconfig", "jump-bad", "a,,b:0,[::1,::1,h/x\n")
put("fuzz_sshconfig", "loop.conf", """\
Host r1
  ProxyJump loop1
Host loop1
  ProxyJump loop2,r1
Host loop2
  ProxyJump loop1
""")
put("fuzz_sshconfig", "proxy-order.conf", """\
Host r1
  ProxyJump none
  ProxyCommand nc %h %p
  ProxyJump x
Host h
  ProxyCommand none
  ProxyJump y
""")
put("fuzz_sshconfig", "errors.conf", """\
Hostnme x
Port 0
Port 22 23
Port "22
IdentitiesOnly maybe
StrictHostKeyChecking sometimes
ConnectTimeout 1x
UserKnownHostsFile none x
HostName %p
IdentityFile ~root/k
IdentityFile ${NC_FUZZ_UNSET
Match exec true
Match all host x
Match host
=Port 1
""")
put("fuzz_sshconfig", "unset-var.conf", "IdentityFile ${NC_FUZZ_UNSET}/id\n")
put("fuzz_sshconfig", "include.conf",
    "Host r1\n  Include extra*.conf nothere\n  Port 2\nInclude ~bob\n")
put("fuzz_sshconfig", "crlf-tabs.conf",
    "Host\tr1\r\n\tPort\t2222\r\n\tUser 'a b'\\ c\f\r\n# c\r\n")
put("fuzz_sshconfig", "hostile.conf",
    b"Port 22\nPort\x00 1\nHost \x1b[2J\xc2\x9b\n\xff\xfe User x\n")
put("fuzz_sshconfig", "empty.conf", "")

# --- hostlist ----------------------------------------------------------
# A pattern, then NUL-separated names; the last byte also picks the number
# of shards.
def hostlist(pattern, *names):
    return b"\0".join([pattern.encode()] + [n.encode() for n in names])


put("fuzz_hostlist", "ranges", hostlist("R[1-10],sw[01-04]-core", "R1",
                                         "R11", "sw02-core", "sw2-core"))
put("fuzz_hostlist", "several-brackets", hostlist("r[1-2]s[1-3,7]", "r2s7"))
put("fuzz_hostlist", "globs", hostlist("core-*,!core-lab?,R[1-3]0",
                                        "core-sw1", "core-lab1", "R20"))
put("fuzz_hostlist", "ipv6", hostlist("[::1]:[2222-2224],[2001:db8::1]",
                                       "[::1]:2223", "::1"))
put("fuzz_hostlist", "padding", hostlist("n[098-101],m[8-011],o[07]",
                                          "n100", "n0100", "m009"))
put("fuzz_hostlist", "compress", hostlist("x", "R1", "R2", "R3", "R40",
                                           "R42", "R01", "R10", "sw1-core",
                                           "10.0.0.1", "10.0.0.2", "core"))
put("fuzz_hostlist", "big", hostlist("n[1-100]x[1-100],m[1-2]"))
put("fuzz_hostlist", "too-big", hostlist("n[1-1000000]x[1-2]"))
put("fuzz_hostlist", "bad", hostlist("R[1-,R1],[10-1],,!,R[]"))
put("fuzz_hostlist", "long-numbers",
    hostlist("R[999999999999999990-999999999999999999]",
             "R999999999999999999", "R1234567890123456789"))

# --- textfsm -----------------------------------------------------------
# Mode byte 0: template NUL input, from the differential cases (our own
# templates, never ntc-templates'); odd: a Python pattern NUL a subject.
CASES = os.path.join("test", "textfsm", "cases")
for name in sorted(os.listdir(CASES)):
    if not name.endswith(".textfsm"):
        continue
    base = name[:-len(".textfsm")]
    raw = os.path.join(CASES, base + ".raw")
    with open(os.path.join(CASES, name), "rb") as f:
        tpl = f.read()
    with open(raw, "rb") as f:
        put("fuzz_textfsm", base, b"\x00" + tpl + b"\x00" + f.read())
for k, (pat, subj) in enumerate([
        (r"^\s+Hardware\s+is\s+(?P<hw>[\w \-]+)", "  Hardware is Gigabit"),
        (r"^.+address\s+is\s+(\S+)", "x address is 1.2"),
        (r"^\s{0,1}(?=(\S{0,18})).{17,18}$", " 10.104.192.208/29"),
        (r"^(\S+)\s+is\s+(.+?),\s+line\s+protocol", "Et1 is up, line protocol"),
        (r"^(?P<a>\d+)|(?P<b>[a-z]+)$", "abc"),
        (r"^[^\S\t]+(?<!x)\b\Z", " \u3000"),
        (r"^(?i)abc(?:d|e){,2}", "ABCde"),
        (r"^x\u00e9\x41\101[\b\s\S]", "x\u00e9AA\u00a0")]):
    put("fuzz_textfsm", "pattern-%d" % k,
        bytes([1 + 2 * (k % 2)]) + pat.encode() + b"\x00" + subj.encode())

# dropdx lab traffic: crafts the packets lab scenarios need (run inside a lab namespace, as root).
# Kept tiny and dependency-free; every mode loops until killed unless --count is given.
import argparse, os, socket, struct, sys, time

def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF

def ip_header(src, dst, proto, payload_len, ttl, bad_csum=False):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, os.getpid() & 0xFFFF, 0, ttl, proto, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    csum = checksum(hdr)
    if bad_csum:
        csum ^= 0x5A5A
    return hdr[:10] + struct.pack("!H", csum) + hdr[12:]

def loop(args, send):
    n = 0
    while args.count <= 0 or n < args.count:
        send()
        n += 1
        if args.interval > 0:
            time.sleep(args.interval)

def send_ip(args):
    # IP_HDRINCL: we write the whole header, so any source (even the receiver's own) can be used.
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    payload = bytes.fromhex(args.payload)
    if args.iface:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, args.iface.encode())
    pkt = ip_header(args.src, args.dst, args.proto, len(payload), args.ttl) + payload
    loop(args, lambda: s.sendto(pkt, (args.dst, 0)))

def send_frame(args):
    # A whole Ethernet frame on a device: the only way to put a bad IP checksum on the wire.
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.iface, 0))
    payload = bytes.fromhex(args.payload)
    ip = ip_header(args.src, args.dst, args.proto, len(payload), args.ttl, bad_csum=args.bad_checksum)
    frame = bytes.fromhex(args.dst_mac.replace(":", "")) + s.getsockname()[4] + b"\x08\x00" + ip + payload
    loop(args, lambda: s.send(frame))

def family(address):
    # IPv6 when the address is one (IPv6 lab scenarios: 2001:db8::/32), else IPv4.
    return socket.AF_INET6 if ":" in address else socket.AF_INET

def send_udp(args):
    s = socket.socket(family(args.dst), socket.SOCK_DGRAM)
    if args.src:
        s.bind((args.src, 0))
    data = b"x" * args.size
    def one():
        try:
            s.sendto(data, (args.dst, args.port))
        except OSError:
            pass  # ICMP errors from earlier datagrams surface here; keep sending
    loop(args, one)

def join(args):
    # IP-level join on one interface, held until killed (what an OSPF daemon does per covered interface).
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq_n(args))
    while True:
        time.sleep(3600)

def mreq_n(args):
    # struct ip_mreqn: group, local address, interface index
    return socket.inet_aton(args.group) + socket.inet_aton("0.0.0.0") + struct.pack("@i", socket.if_nametoindex(args.iface))

def udp_sink(args):
    s = socket.socket(family(args.bind), socket.SOCK_DGRAM)
    if args.rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, args.rcvbuf)
    s.bind((args.bind, args.port))
    while True:
        if args.no_read:
            time.sleep(3600)
        else:
            s.recv(65535)

p = argparse.ArgumentParser(prog="packets.py")
sub = p.add_subparsers(dest="mode", required=True)
for name in ("send-ip", "send-frame"):
    q = sub.add_parser(name)
    q.add_argument("--src", required=True)
    q.add_argument("--dst", required=True)
    q.add_argument("--proto", type=int, required=True)
    q.add_argument("--payload", default="")
    q.add_argument("--ttl", type=int, default=1)
    q.add_argument("--iface")
    q.add_argument("--interval", type=float, default=0.2)
    q.add_argument("--count", type=int, default=0)
    if name == "send-frame":
        q.add_argument("--dst-mac", required=True)
        q.add_argument("--bad-checksum", action="store_true")
q = sub.add_parser("send-udp")
q.add_argument("--dst", required=True)
q.add_argument("--port", type=int, required=True)
q.add_argument("--src")
q.add_argument("--size", type=int, default=64)
q.add_argument("--interval", type=float, default=0.2)
q.add_argument("--count", type=int, default=0)
q = sub.add_parser("join")
q.add_argument("--group", required=True)
q.add_argument("--iface", required=True)
q = sub.add_parser("udp-sink")
q.add_argument("--port", type=int, required=True)
q.add_argument("--bind", default="0.0.0.0")
q.add_argument("--rcvbuf", type=int, default=0)
q.add_argument("--no-read", action="store_true")

def tcp_sink(args):
    # Accepts TCP connections and reads them, one thread each.
    import threading
    s = socket.socket(family(args.bind), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((args.bind, args.port))
    s.listen(64)
    def read(c):
        while c.recv(65536):
            pass
    while True:
        c, _ = s.accept()
        threading.Thread(target=read, args=(c,), daemon=True).start()

def tcp_send(args):
    # Opens --connections TCP connections, then writes --size bytes to each every --interval, forever.
    # Errors are ignored: the point is a steady stream of transmit attempts (e.g. after a route vanishes).
    def connect():
        for _ in range(100):  # the sink may still be starting: retry for up to 10 s
            try:
                return socket.create_connection((args.dst, args.port), timeout=2)
            except OSError:
                time.sleep(0.1)
        sys.exit("cannot connect to %s:%d" % (args.dst, args.port))
    socks = [connect() for _ in range(args.connections)]
    for c in socks:
        c.setblocking(False)
    data = b"x" * args.size
    def one():
        for c in socks:
            try:
                c.send(data)
            except OSError:
                pass
    loop(args, one)

def burst_frame(args):
    # Bursts of identical, valid Ethernet frames with sendmmsg (up to 1024 per system call): the
    # kernel, not Python, sets the pace inside a burst, so a receiver's per-CPU backlog can fill.
    # --cpu pins the sender, so the receiver can be steered (RPS) to another CPU.
    import ctypes
    if args.cpu >= 0:
        os.sched_setaffinity(0, {args.cpu})
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.iface, 0))
    if args.proto == 1:
        # ICMP echo request: the receiver answers (or, without a route back, silently does not).
        body = struct.pack("!HH", 0x6464, 1) + b"x" * args.size
        payload = struct.pack("!BBH", 8, 0, checksum(struct.pack("!BBH", 8, 0, 0) + body)) + body
    else:
        payload = struct.pack("!HHHH", 9, args.port, 8 + args.size, 0) + b"x" * args.size
    ip = ip_header(args.src, args.dst, args.proto, len(payload), 64)
    frame = bytes.fromhex(args.dst_mac.replace(":", "")) + s.getsockname()[4] + b"\x08\x00" + ip + payload
    class iovec(ctypes.Structure):
        _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
    class msghdr(ctypes.Structure):
        _fields_ = [("name", ctypes.c_void_p), ("namelen", ctypes.c_uint32), ("iov", ctypes.POINTER(iovec)),
                    ("iovlen", ctypes.c_size_t), ("control", ctypes.c_void_p), ("controllen", ctypes.c_size_t),
                    ("flags", ctypes.c_int)]
    class mmsghdr(ctypes.Structure):
        _fields_ = [("hdr", msghdr), ("len", ctypes.c_uint)]
    buf = ctypes.create_string_buffer(frame, len(frame))
    iov = iovec(ctypes.cast(buf, ctypes.c_void_p), len(frame))
    per_call = min(args.burst, 1024)
    msgs = (mmsghdr * per_call)()
    for m in msgs:
        m.hdr.iov = ctypes.pointer(iov)
        m.hdr.iovlen = 1
    libc = ctypes.CDLL(None, use_errno=True)
    def one():
        left = args.burst
        while left > 0:
            sent = libc.sendmmsg(s.fileno(), msgs, min(left, per_call), 0)
            if sent <= 0:
                break
            left -= sent
    loop(args, one)

q = sub.add_parser("tcp-sink")
q.add_argument("--port", type=int, required=True)
q.add_argument("--bind", default="0.0.0.0")
q = sub.add_parser("tcp-send")
q.add_argument("--dst", required=True)
q.add_argument("--port", type=int, required=True)
q.add_argument("--connections", type=int, default=1)
q.add_argument("--size", type=int, default=1000)
q.add_argument("--interval", type=float, default=0.1)
q.add_argument("--count", type=int, default=0)
q = sub.add_parser("burst-frame")
q.add_argument("--src", required=True)
q.add_argument("--dst", required=True)
q.add_argument("--dst-mac", required=True)
q.add_argument("--iface", required=True)
q.add_argument("--proto", type=int, choices=(1, 17), default=17)
q.add_argument("--port", type=int, default=9)
q.add_argument("--size", type=int, default=18)
q.add_argument("--burst", type=int, default=3000)
q.add_argument("--cpu", type=int, default=-1)
q.add_argument("--interval", type=float, default=0.2)
q.add_argument("--count", type=int, default=0)
a = p.parse_args()
{"send-ip": send_ip, "send-frame": send_frame, "send-udp": send_udp, "join": join, "udp-sink": udp_sink,
 "tcp-sink": tcp_sink, "tcp-send": tcp_send, "burst-frame": burst_frame}[a.mode](a)

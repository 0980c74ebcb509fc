# Tiny packet crafter for the kernel-evidence recipes (run inside a lab namespace, as root).
# usage: pkt.py tcp SRC DST DPORT FLAGS COUNT [badsum]    FLAGS like S, A, SF, R
#        pkt.py udp SRC DST DPORT COUNT [badsum]
import socket, struct, sys

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF

def ip(src, dst, proto, l4):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 4242, 0x4000, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + l4

def l4sum(src, dst, proto, seg, bad):
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, proto, len(seg))
    c = csum(pseudo + seg)
    return c ^ 0x5A5A if bad else c

def main(a):
    kind, src, dst, dport = a[0], a[1], a[2], int(a[3])
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    if kind == "tcp":
        flags = sum({"F": 1, "S": 2, "R": 4, "P": 8, "A": 16}[f] for f in a[4])
        count, bad = int(a[5]), len(a) > 6
        seg = struct.pack("!HHIIBBHHH", 40000, dport, 1000, 2000 if flags & 16 else 0, 5 << 4, flags, 65535, 0, 0)
        seg = seg[:16] + struct.pack("!H", l4sum(src, dst, 6, seg, bad)) + seg[18:]
        pkt = ip(src, dst, 6, seg)
    else:
        count, bad = int(a[4]), len(a) > 5
        data = b"dropdx"
        seg = struct.pack("!HHHH", 40000, dport, 8 + len(data), 0) + data
        seg = seg[:6] + struct.pack("!H", l4sum(src, dst, 17, seg, bad) or 0xFFFF) + seg[8:]
        pkt = ip(src, dst, 17, seg)
    for _ in range(count):
        s.sendto(pkt, (dst, 0))

main(sys.argv[1:])

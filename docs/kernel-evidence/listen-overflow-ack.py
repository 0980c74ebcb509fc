# Make the final ACK of a handshake arrive while the listener's accept queue is full.
# usage (in the client namespace): listen-overflow-ack.py SRC DST PORT
# 1. raw SYN from SRC:40001, read the SYN-ACK (the client's kernel must not RST it: drop RSTs in output)
# 2. two ordinary connects fill an accept queue of backlog 1 (which holds 2)
# 3. the raw ACK then completes the first handshake into a full queue
import socket, struct, sys, time
src, dst, port = sys.argv[1], sys.argv[2], int(sys.argv[3])

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xFFFF); s += s >> 16
    return ~s & 0xFFFF

def tcp(seq, ack, flags):
    seg = struct.pack("!HHIIBBHHH", 40001, port, seq, ack, 5 << 4, flags, 65535, 0, 0)
    ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(seg))
    return seg[:16] + struct.pack("!H", csum(ph + seg)) + seg[18:]

raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
raw.settimeout(2)
raw.sendto(tcp(1000, 0, 0x02), (dst, 0))
while True:
    pkt = raw.recv(2048)
    ihl = (pkt[0] & 15) * 4
    sport, dport, seq, ack, _, flags = struct.unpack("!HHIIBB", pkt[ihl:ihl + 14])
    if sport == port and dport == 40001 and flags & 0x12 == 0x12:
        break
print("SYN-ACK seq", seq)
held = []
for _ in range(2):
    c = socket.socket(); c.setblocking(False); c.connect_ex((dst, port)); held.append(c); time.sleep(0.2)
raw.sendto(tcp(1001, seq + 1, 0x10), (dst, 0))
print("ACK sent into a full accept queue")
time.sleep(0.5)

# Load a two-instruction XDP program (r0 = ACTION; exit) through bpf(2) and pin it at PATH.
# usage: xdp-load.py PATH ACTION   (ACTION: 1 = XDP_DROP, 2 = XDP_PASS); x86_64 syscall numbers.
import ctypes, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
SYS_BPF, BPF_PROG_LOAD, BPF_OBJ_PIN, BPF_PROG_TYPE_XDP = 321, 5, 6, 6
path, action = sys.argv[1].encode(), int(sys.argv[2])
insns = ctypes.create_string_buffer(struct.pack("<BBhi", 0xb7, 0, 0, action) + struct.pack("<BBhi", 0x95, 0, 0, 0))
lic = ctypes.create_string_buffer(b"GPL")
log = ctypes.create_string_buffer(4096)
attr = ctypes.create_string_buffer(struct.pack("<IIQQIIQII16s", BPF_PROG_TYPE_XDP, 2, ctypes.addressof(insns),
                                               ctypes.addressof(lic), 1, len(log), ctypes.addressof(log), 0, 0,
                                               b"dropdx_xdp"), 128)
fd = libc.syscall(SYS_BPF, BPF_PROG_LOAD, attr, 128)
if fd < 0:
    sys.exit("BPF_PROG_LOAD failed: errno %d %s" % (ctypes.get_errno(), log.value.decode()))
p = ctypes.create_string_buffer(path)
pin = ctypes.create_string_buffer(struct.pack("<QII", ctypes.addressof(p), fd, 0), 128)
if libc.syscall(SYS_BPF, BPF_OBJ_PIN, pin, 128) < 0:
    sys.exit("BPF_OBJ_PIN failed: errno %d" % ctypes.get_errno())
print("loaded and pinned", path.decode(), "fd", fd)

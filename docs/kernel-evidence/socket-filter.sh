#!/bin/bash
# socket-filter: a UDP socket with a classic BPF filter that accepts nothing (SO_ATTACH_FILTER).
. "$(dirname "$0")/lib.sh"
routed
# struct sock_filter {u16 code; u8 jt, jf; u32 k} = ret #0 ; struct sock_fprog {u16 len; ptr}
bgq b python3 -c '
import socket,struct,ctypes,time
insn=ctypes.create_string_buffer(struct.pack("HBBI",6,0,0,0))
prog=struct.pack("HL",1,ctypes.addressof(insn))
u=socket.socket(2,2);u.bind(("198.18.2.1",5353));u.setsockopt(socket.SOL_SOCKET,26,prog)  # SO_ATTACH_FILTER
time.sleep(20)'
bgq b python3 -c 'import socket,time;u=socket.socket(2,2);u.bind(("198.18.2.1",5354));time.sleep(20)'
sleep 0.4
say "fault: 4 UDP datagrams a -> b:5353 (filtered socket)"
trace_start; bt_start; x a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(b"hello",("198.18.2.1",5353)) for _ in range(4)]'; sleep 0.3; trace_stop "socket filter"; bt_stop
say "evidence"
x b ss -u -a -n -m -p
x b nstat -saz UdpInErrors UdpRcvbufErrors UdpInDatagrams UdpInCsumErrors
x b ss -0 -a -b -p
say "near miss: the same datagrams to b:5354 (no filter, nobody reads: they queue, no drop)"
trace_start; x a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(b"hello",("198.18.2.1",5354)) for _ in range(4)]'; sleep 0.3; trace_stop "unfiltered"
x b ss -u -a -n -m
say "near miss 2: a packet socket (tcpdump-like) with a reject-all filter sees b0 traffic"
bgq b python3 -c '
import socket,struct,ctypes,time
insn=ctypes.create_string_buffer(struct.pack("HBBI",6,0,0,0))
prog=struct.pack("HL",1,ctypes.addressof(insn))
p=socket.socket(17,3,socket.htons(3));p.bind(("b0",0));p.setsockopt(socket.SOL_SOCKET,26,prog)
time.sleep(20)'
sleep 0.4
trace_start; x a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(b"hello",("198.18.2.1",5354)) for _ in range(4)]'; sleep 0.3; trace_stop "packet socket filter"
x b ss -0 -a -b -p
x b cat /proc/net/packet

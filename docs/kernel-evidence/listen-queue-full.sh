#!/bin/bash
# listen-queue-full: a listener with backlog 1 that never accepts, 8 clients connect.
. "$(dirname "$0")/lib.sh"
routed
listener() { bgq b python3 -c 'import socket,time;t=socket.socket();t.setsockopt(1,2,1);t.bind(("198.18.2.1",8080));t.listen(1);time.sleep(20)'; sleep 0.3; }
clients() { echo "+ ip netns exec $(N a) python3 (8 non-blocking connects to 198.18.2.1:8080, held 3 s)"
  q a python3 -c 'import socket,time
ss=[]
for _ in range(8):
  s=socket.socket();s.setblocking(False);s.connect_ex(("198.18.2.1",8080));ss.append(s)
time.sleep(3)'; }
for sc in 1 0; do
  say "fault: net.ipv4.tcp_syncookies=$sc on b"
  x b sysctl -w net.ipv4.tcp_syncookies=$sc
  listener
  trace_start; clients; trace_stop "listen queue full, syncookies=$sc"
  x b ss -ltn sport = :8080
  x b nstat -saz TcpExtListenOverflows TcpExtListenDrops TcpExtTCPReqQFullDrop TcpExtSyncookiesSent TcpExtTCPReqQFullDoCookies
  x b sysctl net.core.somaxconn net.ipv4.tcp_max_syn_backlog
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null
done
say "near miss: backlog 128, same 8 clients"
bgq b python3 -c 'import socket,time;t=socket.socket();t.setsockopt(1,2,1);t.bind(("198.18.2.1",8080));t.listen(128);time.sleep(20)'; sleep 0.3
trace_start; clients; trace_stop "backlog 128"
x b ss -ltn sport = :8080
x b nstat -saz TcpExtListenOverflows TcpExtListenDrops
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null
say "fault 2: the handshake's final ACK arrives while the accept queue is full (backlog 1)"
x b sysctl -w net.ipv4.tcp_syncookies=1
listener
x a nft add table ip f
x a nft add chain ip f out '{ type filter hook output priority 0; }'
x a nft add rule ip f out ip daddr 198.18.2.1 tcp flags rst counter drop   # keep a's kernel from resetting the raw handshake
trace_start; x a python3 "$(cd "$(dirname "$0")" && pwd)/listen-overflow-ack.py" 198.18.1.1 198.18.2.1 8080; trace_stop "final ACK into a full queue"
x b ss -ltn sport = :8080
x b nstat -saz TcpExtListenOverflows TcpExtListenDrops

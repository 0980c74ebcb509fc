#!/bin/bash
# xfrm-policy: IPsec policies that block, or require a transform no state provides (no ESP built in).
. "$(dirname "$0")/lib.sh"
routed
udp() { x a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(b"hi",("198.18.2.1",5353)) for _ in range(3)]'; sleep 0.3; }
bgq b python3 -c 'import socket,time;u=socket.socket(2,2);u.bind(("198.18.2.1",5353));time.sleep(30)'; sleep 0.3
say "fault 1: b: dir in action block for 198.18.1.1 -> 198.18.2.1"
x b ip xfrm policy add src 198.18.1.1/32 dst 198.18.2.1/32 dir in action block
trace_start; bt_start; udp; trace_stop "in block"; bt_stop
x b ip xfrm policy show
x b cat /proc/net/xfrm_stat
x b ip xfrm policy flush
say "fault 2: b: dir in requires ESP (tmpl proto esp), no state exists"
x b ip xfrm policy add src 198.18.1.1/32 dst 198.18.2.1/32 dir in tmpl src 198.18.1.1 dst 198.18.2.1 proto esp mode transport
trace_start; udp; trace_stop "in tmpl esp"
x b ip xfrm policy show; x b ip xfrm state show
x b cat /proc/net/xfrm_stat
x b ip xfrm policy flush
say "fault 3: r: dir fwd action block (forwarded)"
x r ip xfrm policy add src 198.18.1.1/32 dst 198.18.2.1/32 dir fwd action block
trace_start; bt_start; udp; trace_stop "fwd block"; bt_stop
x r cat /proc/net/xfrm_stat
x r ip xfrm policy flush
say "fault 4: a: dir out action block (locally generated)"
x a ip xfrm policy add src 198.18.1.1/32 dst 198.18.2.1/32 dir out action block
trace_start; udp 2>&1 | tail -1; trace_stop "out block"
x a cat /proc/net/xfrm_stat
x a ip xfrm policy flush
say "near miss: b: dir in block for another source (198.18.1.9); and an allow policy"
x b ip xfrm policy add src 198.18.1.9/32 dst 198.18.2.1/32 dir in action block
x b ip xfrm policy add src 198.18.1.1/32 dst 198.18.2.1/32 dir in action allow
trace_start; udp; trace_stop "near miss"
x b cat /proc/net/xfrm_stat
x b ss -u -a -n -m

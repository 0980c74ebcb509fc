/** IPsec (xfrm) policies and the xfrm error counters of a namespace. */
package dev.dropdx.probe.xfrm;

/** Connection-tracking statistics of a namespace. */
package dev.dropdx.probe.conntrack;

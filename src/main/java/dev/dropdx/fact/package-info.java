/** Facts the rules reason over: records inserted into the Drools session by probes and by rules. */
package dev.dropdx.fact;

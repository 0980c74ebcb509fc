/** The history of diagnoses on this host, and the recurrence line when a cause keeps coming back. */
package dev.dropdx.history;

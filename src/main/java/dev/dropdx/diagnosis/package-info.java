/** The diagnosis loop: fire rules, run the probe they ask for, insert what it found, until a cause is proven or the budget is spent. */
package dev.dropdx.diagnosis;

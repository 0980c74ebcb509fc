/** The knowledge base: one entry per cause (explanation, fix, verify, references), filled in with a diagnosis's values. */
package dev.dropdx.knowledge;

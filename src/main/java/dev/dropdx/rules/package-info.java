/** The rule book: DRL files loaded from directories at run time, compiled, and checked before use. */
package dev.dropdx.rules;

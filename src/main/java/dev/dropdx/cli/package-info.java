/** Commands: parse and validate options, call the feature, render the result, set the exit code. Only this package writes to the terminal. */
package dev.dropdx.cli;

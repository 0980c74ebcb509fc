/** The lab: real faults in throwaway network namespaces (dropdx-lab-*), for tests and for `lab run`. */
package dev.dropdx.lab;

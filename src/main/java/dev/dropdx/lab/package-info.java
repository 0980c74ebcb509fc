/**
 * The lab: real faults in throwaway network namespaces (dropdx-lab-*), for tests and for `lab run`;
 * each scenario is a data file in knowledge-base/lab/ (docs/lab.md) built by one generic builder.
 */
package dev.dropdx.lab;

/** Many bundles in one process: `batch` (fleet reports) and a team's rule cases, each diagnosed offline. */
package dev.dropdx.batch;

/**
 * Routing completion entries to the engine chosen for them: driver, broadcast Spark or the blocked
 * engine.
 */
package io.sparkdmf.core.routing;

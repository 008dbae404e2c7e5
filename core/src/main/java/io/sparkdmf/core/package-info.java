/**
 * Helpers shared by every package of the core module.
 */
package io.sparkdmf.core;

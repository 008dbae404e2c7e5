/**
 * Completion entries sent to the engine chosen for them: driver threads, broadcast Spark or the
 * blocked engine ({@link io.sparkdmf.core.engine.completion.CompletionRouting}).
 */
package io.sparkdmf.core.engine.completion;

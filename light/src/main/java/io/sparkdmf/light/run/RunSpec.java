package io.sparkdmf.light.run;

import java.io.Serializable;

/** One run of an experiment: a scene (by case and seed) factored by a method. */
public record RunSpec(String caseName, Method method, int seed) implements Serializable {}

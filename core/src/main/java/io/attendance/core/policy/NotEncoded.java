package io.attendance.core.policy;

/** A sentence of the seed the file does not encode, and why: kept beside the rules for the reader. */
public record NotEncoded(String sentence, String why) {
}

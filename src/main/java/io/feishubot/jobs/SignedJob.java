package io.feishubot.jobs;

/**
 * A job as it travels to another invocation: the exact payload bytes and their signature, {@code
 * sha256=<64 lower-case hex digits>}, sent in the {@value JobCodec#SIGNATURE_HEADER} header.
 *
 * @param payload the job's JSON, signed as these bytes; never re-serialise it on the way
 * @param signature the value of the signature header
 */
public record SignedJob(byte[] payload, String signature) {}

/**
 * The Feishu/Lark wire protocol as pure functions and values: request headers, the SHA-256 event
 * signature and the SHA-1 card signature, AES envelope encryption, the timestamp window, and the
 * envelope and event records with their parser.
 *
 * <p>Depends on the JDK and Jackson only, so it can be unit-tested without a container and reused
 * by every runtime adapter.
 */
package io.feishubot.feishu;

/**
 * The wire protocol of the inter-site link: one port crosses between sites, and everything on it is a
 * {@link io.tandem.mirror.wire.Frame}.
 *
 * <p><b>Frames</b> are length-prefixed, versioned, checksummed (CRC32C) and bounded in size; the layout is in
 * {@link io.tandem.mirror.wire.WireFormat}. Every frame carries an epoch, so every request and heartbeat speaks for
 * the volume or site epoch its sender holds (handshake frames carry 0).
 *
 * <p><b>Authentication</b> happens before anything else is accepted. Both sides hold the shared secret
 * {@code tandem.link.secret} (read with {@code Configuration.getPassword}, see
 * {@link io.tandem.mirror.wire.LinkSecrets}):
 *
 * <pre>
 *   client                                         server
 *   HELLO(clientSite, clientNonce)            --&gt;
 *                                             &lt;--  CHALLENGE(serverSite, serverNonce, serverProof)
 *   (checks serverProof)
 *   CHALLENGE_RESPONSE(clientProof)           --&gt;
 *                                                  (checks clientProof)
 *                                             &lt;--  AUTH_OK(serverSite)   or AUTH_FAILED(reason), close
 *
 *   proof = HMAC-SHA256(secret, "tandem-link-v1" | role | clientSite | serverSite | clientNonce | serverNonce)
 * </pre>
 *
 * The role label ("client" or "server") keeps a server's proof from being replayed as a client's. Under
 * {@code tandem.link.auth=none} the server answers HELLO with AUTH_OK at once. Since any client that sends HELLO
 * receives a server proof, the secret must be long and random: a short one could be guessed offline.
 *
 * <p><b>Refusal.</b> Whatever is wrong (bad magic, unknown version or type, a length out of bounds, a checksum
 * mismatch, a frame out of order, a wrong proof, a handshake past its deadline) raises one
 * {@link io.tandem.mirror.wire.WireProtocolException} naming what and from where;
 * {@link io.tandem.mirror.wire.LinkErrorHandler} logs it once, tells the peer with an ERROR or AUTH_FAILED frame, and closes that connection only.
 * {@link io.tandem.mirror.wire.LinkPipelines} assembles the handlers in order.
 */
package io.tandem.mirror.wire;

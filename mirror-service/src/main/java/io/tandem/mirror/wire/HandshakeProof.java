package io.tandem.mirror.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that a side knows the link secret:
 * {@code HMAC-SHA256(secret, "tandem-link-v1" | role | clientSiteId | serverSiteId | clientNonce | serverNonce)},
 * each string preceded by its length so no two field lists share bytes. The role label differs for client and
 * server, so a proof the server gives cannot be handed back to it as a client's proof (reflection).
 */
final class HandshakeProof {
  private HandshakeProof() {}

  static final String CONTEXT = "tandem-link-v1";
  private static final String ALGORITHM = "HmacSHA256";

  /** Which side computes the proof. */
  enum Role {
    CLIENT("client"),
    SERVER("server");

    private final String label;

    Role(String label) {
      this.label = label;
    }
  }

  static byte[] compute(LinkSecret secret, Role role, String clientSiteId, String serverSiteId, byte[] clientNonce,
      byte[] serverNonce) {
    Mac mac = newMac(secret);
    update(mac, CONTEXT);
    update(mac, role.label);
    update(mac, clientSiteId);
    update(mac, serverSiteId);
    mac.update(clientNonce);
    mac.update(serverNonce);
    return mac.doFinal();
  }

  /** Constant-time comparison of a received proof with the expected one. */
  static boolean verify(byte[] expected, byte[] received) {
    return MessageDigest.isEqual(expected, received);
  }

  private static void update(Mac mac, String field) {
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    mac.update((byte) (bytes.length >>> 8));
    mac.update((byte) bytes.length);
    mac.update(bytes);
  }

  private static Mac newMac(LinkSecret secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.keyBytes(), ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      // Every Java platform must provide HmacSHA256; reaching this means a broken JRE.
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }
}

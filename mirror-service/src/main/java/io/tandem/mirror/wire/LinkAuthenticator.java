package io.tandem.mirror.wire;

import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.TandemKeys;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * This site's side of link authentication: its site id, the shared secret (or none under
 * {@code tandem.link.auth=none}) and the source of nonces. Starts one {@link ClientHandshake} or
 * {@link ServerHandshake} per connection. Thread-safe; one per agent.
 */
public final class LinkAuthenticator {
  private final String localSiteId;
  private final LinkSecret secret;
  private final SecureRandom random;

  private LinkAuthenticator(String localSiteId, LinkSecret secret) {
    this.localSiteId = SiteIds.require(localSiteId);
    this.secret = secret;
    this.random = new SecureRandom();
  }

  /** Peers must prove they know {@code secret}, and this site proves it too. */
  public static LinkAuthenticator withSecret(String localSiteId, LinkSecret secret) {
    return new LinkAuthenticator(localSiteId, Objects.requireNonNull(secret, "secret"));
  }

  /** {@code tandem.link.auth=none}: peers are taken at their word. For tests. */
  public static LinkAuthenticator withoutAuthentication(String localSiteId) {
    return new LinkAuthenticator(localSiteId, null);
  }

  /**
   * From {@code tandem.link.auth} ({@code secret}, the default, or {@code none}) and, for {@code secret},
   * {@code tandem.link.secret} read through {@link LinkSecrets#read}.
   *
   * @throws ConfigException when the mode is unknown or the secret is missing
   */
  public static LinkAuthenticator fromConfiguration(Configuration conf, String localSiteId) {
    String key = TandemKeys.LINK_AUTH.template();
    String mode = conf.getTrimmed(key, TandemKeys.LINK_AUTH.defaultValue()).toLowerCase(Locale.ROOT);
    if ("none".equals(mode)) {
      return withoutAuthentication(localSiteId);
    }
    if (!"secret".equals(mode)) {
      throw new ConfigException(key + "=\"" + conf.getTrimmed(key) + "\" is not valid: expected "
          + TandemKeys.LINK_AUTH.allowed());
    }
    return withSecret(localSiteId, LinkSecrets.read(conf));
  }

  public String localSiteId() {
    return localSiteId;
  }

  /** False under {@code tandem.link.auth=none}. */
  public boolean requiresSecret() {
    return secret != null;
  }

  /**
   * @param peer how to name the server in messages, e.g. its address
   * @param expectedServerSiteId the site this connection is meant to reach, or null to accept any
   */
  public ClientHandshake newClientHandshake(String peer, String expectedServerSiteId) {
    if (expectedServerSiteId != null) {
      SiteIds.require(expectedServerSiteId);
    }
    return new ClientHandshake(this, peer, expectedServerSiteId);
  }

  /** @param peer how to name the client in messages, e.g. its address */
  public ServerHandshake newServerHandshake(String peer) {
    return new ServerHandshake(this, peer);
  }

  byte[] newNonce() {
    byte[] nonce = new byte[HandshakeMessages.NONCE_LENGTH];
    random.nextBytes(nonce);
    return nonce;
  }

  byte[] proof(HandshakeProof.Role role, String clientSiteId, String serverSiteId, byte[] clientNonce,
      byte[] serverNonce) {
    return HandshakeProof.compute(secret, role, clientSiteId, serverSiteId, clientNonce, serverNonce);
  }
}

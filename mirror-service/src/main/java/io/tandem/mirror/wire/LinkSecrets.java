package io.tandem.mirror.wire;

import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.TandemKeys;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@code tandem.link.secret} with {@link Configuration#getPassword}, so a credential provider can hold it. */
public final class LinkSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(LinkSecrets.class);

  /** Below this many bytes a secret is open to guessing offline from one captured proof: worth a warning. */
  static final int RECOMMENDED_MIN_BYTES = 16;

  private LinkSecrets() {}

  /**
   * The link secret from the credential providers named by {@code hadoop.security.credential.provider.path}, or
   * from the configuration itself when no provider holds it (Hadoop's clear-text fallback).
   *
   * @throws ConfigException when it is unset, empty or unreadable, naming the key and where it was looked for
   */
  public static LinkSecret read(Configuration conf) {
    String key = TandemKeys.LINK_SECRET.template();
    String providers = conf.getTrimmed(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, "");
    String where = providers.isEmpty() ? "no credential provider configured" : "credential providers " + providers;
    char[] chars;
    try {
      chars = conf.getPassword(key);
    } catch (IOException e) {
      throw new ConfigException(key + " could not be read (" + where + "): " + e.getMessage());
    }
    if (chars == null) {
      throw new ConfigException(key + " is not set (" + where + "): a link peer must prove it knows the shared"
          + " secret; store it with 'hadoop credential create " + key + "' or set "
          + TandemKeys.LINK_AUTH.template() + "=none for tests only");
    }
    try {
      LinkSecret secret = LinkSecret.of(chars);
      if (secret.length() < RECOMMENDED_MIN_BYTES) {
        LOG.warn("{} is only {} bytes long; use at least {} random bytes, since a peer's proof lets anyone who sees it"
            + " guess a short secret offline", key, secret.length(), RECOMMENDED_MIN_BYTES);
      }
      return secret;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + " is empty (" + where + ")");
    } finally {
      Arrays.fill(chars, '\0');
    }
  }
}

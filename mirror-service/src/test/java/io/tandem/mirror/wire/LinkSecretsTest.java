package io.tandem.mirror.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.ConfigException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class LinkSecretsTest {
  private static final String KEY = "tandem.link.secret";

  private static Path testDir(TestInfo info) throws Exception {
    Path dir = Paths.get(System.getProperty("test.build.data", "target/test-data"), "LinkSecretsTest",
        info.getTestMethod().orElseThrow().getName()).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /** A JCEKS credential store under target/ holding {@code tandem.link.secret}, and a conf pointing at it. */
  private static Configuration confWithKeystore(Path dir, String secret) throws Exception {
    File store = dir.resolve("link.jceks").toFile();
    Files.deleteIfExists(store.toPath());
    Configuration conf = new Configuration(false);
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, "jceks://file" + store.getAbsolutePath());
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry(KEY, secret.toCharArray());
    provider.flush();
    assertTrue(store.isFile());
    return conf;
  }

  @Test
  void secretIsReadFromAJceksCredentialProvider(TestInfo info) throws Exception {
    Configuration conf = confWithKeystore(testDir(info), "from-the-keystore-0123456789");

    LinkSecret secret = LinkSecrets.read(conf);

    assertArrayEquals("from-the-keystore-0123456789".getBytes(StandardCharsets.UTF_8), secret.keyBytes());
    assertNull(conf.get(KEY), "the secret is not in the configuration in clear text");
  }

  @Test
  void keystoreSecretAuthenticatesAgainstTheSameSecretGivenDirectly(TestInfo info) throws Exception {
    Configuration conf = confWithKeystore(testDir(info), "from-the-keystore-0123456789");
    LinkAuthenticator fromStore = LinkAuthenticator.fromConfiguration(conf, "site-b");
    LinkAuthenticator direct = LinkAuthenticator.withSecret("site-a", LinkSecret.of("from-the-keystore-0123456789"));

    ClientHandshake client = fromStore.newClientHandshake("server", "site-a");
    ServerHandshake server = direct.newServerHandshake("client");
    Frame response = client.receive(server.receive(client.hello()).reply()).reply();
    HandshakeStep ok = server.receive(response);
    assertEquals(new PeerAuthenticated("site-b", true), ok.authenticated());
    assertTrue(client.receive(ok.reply()).isComplete());
  }

  @Test
  void providerWithoutTheAliasFallsBackToTheConfigurationValue(TestInfo info) throws Exception {
    Configuration conf = confWithKeystore(testDir(info), "ignored");
    Configuration other = new Configuration(false);
    other.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH,
        conf.get(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH).replace("link.jceks", "empty.jceks"));
    other.set(KEY, "  plain-text-in-site-xml  ");
    assertArrayEquals("plain-text-in-site-xml".getBytes(StandardCharsets.UTF_8), LinkSecrets.read(other).keyBytes(),
        "surrounding whitespace is ignored, as TandemConfig reads it");
  }

  @Test
  void missingSecretIsAClearConfigurationError() {
    ConfigException e = assertThrows(ConfigException.class, () -> LinkSecrets.read(new Configuration(false)));
    assertTrue(e.getMessage().startsWith("tandem.link.secret is not set (no credential provider configured): a link"
        + " peer must prove it knows the shared secret"), e.getMessage());
    assertTrue(e.getMessage().contains("tandem.link.auth=none for tests only"));
  }

  @Test
  void blankSecretIsRefused() {
    Configuration conf = new Configuration(false);
    conf.set(KEY, "   ");
    assertEquals("tandem.link.secret is empty (no credential provider configured)",
        assertThrows(ConfigException.class, () -> LinkSecrets.read(conf)).getMessage());
  }

  @Test
  void authModeComesFromTheConfiguration() {
    Configuration conf = new Configuration(false);
    conf.set("tandem.link.auth", "none");
    assertFalse(LinkAuthenticator.fromConfiguration(conf, "site-a").requiresSecret());

    conf.set("tandem.link.auth", "kerberos");
    assertEquals("tandem.link.auth=\"kerberos\" is not valid: expected secret or none",
        assertThrows(ConfigException.class, () -> LinkAuthenticator.fromConfiguration(conf, "site-a")).getMessage());

    conf.unset("tandem.link.auth");
    assertThrows(ConfigException.class, () -> LinkAuthenticator.fromConfiguration(conf, "site-a"),
        "secret is the default mode, and there is no secret");
    conf.set(KEY, "0123456789abcdef");
    assertTrue(LinkAuthenticator.fromConfiguration(conf, "site-a").requiresSecret());
  }
}

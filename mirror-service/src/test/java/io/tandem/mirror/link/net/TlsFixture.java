package io.tandem.mirror.link.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.ssl.SSLFactory;

/**
 * A self-signed server certificate made with the JDK's {@code keytool} under {@code target/}, a truststore holding
 * it, and the Hadoop {@code ssl-server.xml}/{@code ssl-client.xml} pointing at them, written into the test classpath
 * under names of their own (so no other test picks them up) that {@link #configuration()} selects.
 */
final class TlsFixture {
  static final String SERVER_RESOURCE = "tandem-link-test-ssl-server.xml";
  static final String CLIENT_RESOURCE = "tandem-link-test-ssl-client.xml";
  private static final String PASSWORD = "tandem-test-store";
  private static final long KEYTOOL_TIMEOUT_S = 60;

  private TlsFixture() {}

  /** Creates the stores and the two XML files; returns the configuration that selects them. */
  static Configuration create() throws IOException, InterruptedException, GeneralSecurityException {
    Path classes = testClassesDir();
    Path dir = classes.getParent().resolve("tls-test");
    Files.createDirectories(dir);
    Path keystore = dir.resolve("server-keystore.p12");
    Path truststore = dir.resolve("truststore.p12");
    Files.deleteIfExists(keystore);
    generateKeyPair(keystore);
    writeTruststore(keystore, truststore);
    Files.write(classes.resolve(SERVER_RESOURCE), sslXml("server", keystore, truststore)
        .getBytes(StandardCharsets.UTF_8));
    Files.write(classes.resolve(CLIENT_RESOURCE), sslXml("client", null, truststore)
        .getBytes(StandardCharsets.UTF_8));
    return configuration();
  }

  static Configuration configuration() {
    Configuration conf = new Configuration(false);
    conf.set(SSLFactory.SSL_SERVER_CONF_KEY, SERVER_RESOURCE);
    conf.set(SSLFactory.SSL_CLIENT_CONF_KEY, CLIENT_RESOURCE);
    return conf;
  }

  private static Path testClassesDir() throws IOException {
    try {
      return Paths.get(TlsFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the test classes directory", e);
    }
  }

  private static void generateKeyPair(Path keystore) throws IOException, InterruptedException {
    Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "link", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost, O=Tandem test", "-validity", "2", "-storetype",
        "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }

  private static void writeTruststore(Path keystore, Path truststore) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    Certificate certificate = keys.getCertificate("link");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("tandem-link-server", certificate);
    try (OutputStream out = Files.newOutputStream(truststore)) {
      trust.store(out, PASSWORD.toCharArray());
    }
  }

  private static String sslXml(String mode, Path keystore, Path truststore) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    if (keystore != null) {
      property(xml, "ssl." + mode + ".keystore.location", keystore.toString());
      property(xml, "ssl." + mode + ".keystore.type", "pkcs12");
      property(xml, "ssl." + mode + ".keystore.password", PASSWORD);
      property(xml, "ssl." + mode + ".keystore.keypassword", PASSWORD);
    }
    property(xml, "ssl." + mode + ".truststore.location", truststore.toString());
    property(xml, "ssl." + mode + ".truststore.type", "pkcs12");
    property(xml, "ssl." + mode + ".truststore.password", PASSWORD);
    return xml.append("</configuration>\n").toString();
  }

  private static void property(StringBuilder xml, String name, String value) {
    xml.append("  <property><name>").append(name).append("</name><value>").append(value)
        .append("</value></property>\n");
  }
}

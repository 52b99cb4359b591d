package io.tandem.coord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.testing.ZkTesting;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;

class ZkClientsTest {
  private static Configuration conf(String quorum) {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("tandem.zk.quorum", quorum);
    c.set("tandem.zk.root", "/tandem-test");
    return c;
  }

  @Test
  void createsUnderTheRootWithTheDefaultOpenAcl() throws Exception {
    try (TestingServer server = ZkTesting.server()) {
      CuratorFramework client = ZkClients.newClient(TandemConfig.parse(conf(server.getConnectString())).zk());
      client.start();
      client.blockUntilConnected(10, TimeUnit.SECONDS);
      client.create().creatingParentsIfNeeded().forPath("/site-a/agents/x", ZkClients.utf8("hi"));
      CuratorFramework raw = ZkTesting.client(server.getConnectString(), 5000);
      assertArrayEquals(ZkClients.utf8("hi"), raw.getData().forPath("/tandem-test/site-a/agents/x"));
      raw.close();
      client.close();
    }
  }

  @Test
  void digestAuthAndAclKeepOthersOut() throws Exception {
    try (TestingServer server = ZkTesting.server()) {
      Configuration c = conf(server.getConnectString());
      c.set("tandem.zk.auth", "digest:tandem:pw");
      String digest = org.apache.zookeeper.server.auth.DigestAuthenticationProvider.generateDigest("tandem:pw");
      c.set("tandem.zk.acl", "digest:" + digest + ":cdrwa");
      CuratorFramework owner = ZkClients.newClient(TandemConfig.parse(c).zk());
      owner.start();
      owner.blockUntilConnected(10, TimeUnit.SECONDS);
      owner.create().creatingParentsIfNeeded().forPath("/site-a/secret", ZkClients.utf8("x"));
      List<ACL> acl = owner.getACL().forPath("/site-a/secret");
      assertEquals("digest", acl.get(0).getId().getScheme());

      CuratorFramework stranger = ZkTesting.client(server.getConnectString(), 5000);
      assertThrows(KeeperException.NoAuthException.class, () -> stranger.getData().forPath("/tandem-test/site-a/secret"));
      stranger.close();
      owner.close();
    }
  }
}

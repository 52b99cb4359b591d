package io.tandem.coord;

import java.util.Objects;
import org.apache.curator.utils.ZKPaths;

/**
 * The znode layout of one site, relative to the client's namespace ({@code tandem.zk.root}):
 *
 * <pre>
 *   /&lt;site&gt;/leader                 LeaderLatch participants: the site coordinator
 *   /&lt;site&gt;/leader-epoch           the fencing epoch, raised by every new leader
 *   /&lt;site&gt;/agents/&lt;agentId&gt;        ephemeral: an agent and its health
 *   /&lt;site&gt;/datanodes/&lt;uuid&gt;        ephemeral: a DataNode monitor
 *   /&lt;site&gt;/load/&lt;uuid&gt;             ephemeral: a DataNode's latest load report
 *   /&lt;site&gt;/migrations/&lt;blockId&gt;    the routing table of in-flight moves
 *   /&lt;site&gt;/migrate-paused          present while migration is paused: no new moves start
 *   /&lt;site&gt;/migrate-plan            the leader's latest migration plan
 *   /&lt;site&gt;/volumes/&lt;vol&gt;/role      PRIMARY or REPLICA, with its epoch
 *   /&lt;site&gt;/volumes/&lt;vol&gt;/checkpoint what the peer acknowledged
 *   /&lt;site&gt;/volumes/&lt;vol&gt;/ship      progress of the snapshot being shipped
 *   /&lt;site&gt;/volumes/&lt;vol&gt;/ship-request  a ship asked for by hand (tandem snapshot ship)
 *   /&lt;site&gt;/volumes/&lt;vol&gt;/onward/&lt;dest&gt;/ship          progress of a ship to a site other than the peer
 *   /&lt;site&gt;/volumes/&lt;vol&gt;/onward/&lt;dest&gt;/ship-request  a ship to that site asked for by hand
 *   /&lt;site&gt;/volumes/&lt;vol&gt;/ship-claim  which source a ship arriving here is granted to (cascade)
 *   /&lt;site&gt;/ship-bandwidth          a shipping bandwidth set at run time, replacing the configured one
 * </pre>
 */
public final class ZnodePaths {
  private final String site;

  public ZnodePaths(String site) {
    this.site = "/" + Objects.requireNonNull(site, "site");
  }

  public String site() {
    return site;
  }

  public String leader() {
    return site + "/leader";
  }

  public String leaderEpoch() {
    return site + "/leader-epoch";
  }

  public String agents() {
    return site + "/agents";
  }

  public String agent(String agentId) {
    return ZKPaths.makePath(agents(), agentId);
  }

  public String datanodes() {
    return site + "/datanodes";
  }

  public String datanode(String uuid) {
    return ZKPaths.makePath(datanodes(), uuid);
  }

  public String loads() {
    return site + "/load";
  }

  public String load(String uuid) {
    return ZKPaths.makePath(loads(), uuid);
  }

  public String migrations() {
    return site + "/migrations";
  }

  public String migration(long blockId) {
    return ZKPaths.makePath(migrations(), Long.toString(blockId));
  }

  /** Present while an operator has paused migration. */
  public String migratePaused() {
    return site + "/migrate-paused";
  }

  /** The leader's latest migration plan. */
  public String migratePlan() {
    return site + "/migrate-plan";
  }

  public String volume(String volume) {
    return ZKPaths.makePath(site + "/volumes", volume);
  }

  public String volumeRole(String volume) {
    return volume(volume) + "/role";
  }

  public String volumeCheckpoint(String volume) {
    return volume(volume) + "/checkpoint";
  }

  /** Operator switches for the volume (pause). */
  public String volumeControl(String volume) {
    return volume(volume) + "/control";
  }

  public String volumeShip(String volume) {
    return volume(volume) + "/ship";
  }

  /** A ship asked for by hand ({@code tandem snapshot ship}), taken up by the leading agent. */
  public String volumeShipRequest(String volume) {
    return volume(volume) + "/ship-request";
  }

  /** The progress of shipping the volume to {@code destination}, a site other than its peer ({@code ship.onward}). */
  public String volumeOnwardShip(String volume, String destination) {
    return ZKPaths.makePath(volume(volume) + "/onward", destination) + "/ship";
  }

  /** A ship to {@code destination} asked for by hand ({@code tandem snapshot ship --to}). */
  public String volumeOnwardShipRequest(String volume, String destination) {
    return ZKPaths.makePath(volume(volume) + "/onward", destination) + "/ship-request";
  }

  /** On a site that takes the volume's ships from several sources: the source its current ship is granted to. */
  public String volumeShipClaim(String volume) {
    return volume(volume) + "/ship-claim";
  }

  /** The shipping bandwidth set at run time ({@code tandem snapshot bandwidth}), replacing the configured one. */
  public String shipBandwidth() {
    return site + "/ship-bandwidth";
  }
}

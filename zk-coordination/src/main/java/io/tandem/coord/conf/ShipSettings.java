package io.tandem.coord.conf;

import java.util.Optional;

/** The {@code tandem.ship.*} settings: the bandwidth cap and its schedule, portions and claims. */
public final class ShipSettings {
  private final double bandwidthMbps;
  private final BandwidthSchedule bandwidthSchedule;
  private final int portionSteps;
  private final long portionBytes;
  private final long claimWindowMs;
  private final long claimLeaseMs;

  private ShipSettings(SettingsReader r) {
    this.bandwidthMbps = r.doubleIn(TandemKeys.SHIP_BANDWIDTH_MBPS, "", 0, false, 1_000_000);
    this.bandwidthSchedule = r.schedule(TandemKeys.SHIP_BANDWIDTH_SCHEDULE);
    this.portionSteps = r.intIn(TandemKeys.SHIP_PORTION_STEPS, "", 1, 1_000_000);
    this.portionBytes = r.longIn(TandemKeys.SHIP_PORTION_BYTES, "", 1024, 1L << 40);
    this.claimWindowMs = r.longIn(TandemKeys.SHIP_CLAIM_WINDOW_MS, "", 0, 600_000);
    this.claimLeaseMs = r.longIn(TandemKeys.SHIP_CLAIM_LEASE_MS, "", 1000, 3_600_000);
  }

  /** Reads every ship key, leaving any problem with the reader. */
  static ShipSettings read(SettingsReader r) {
    return new ShipSettings(r);
  }

  /** The cap on shipping in Mbit/s where the schedule says nothing; 0 for none. */
  public double bandwidthMbps() {
    return bandwidthMbps;
  }

  /** Empty when {@code tandem.ship.bandwidth.schedule} is unset. */
  public Optional<BandwidthSchedule> bandwidthSchedule() {
    return Optional.ofNullable(bandwidthSchedule);
  }

  public int portionSteps() {
    return portionSteps;
  }

  public long portionBytes() {
    return portionBytes;
  }

  public long claimWindowMs() {
    return claimWindowMs;
  }

  public long claimLeaseMs() {
    return claimLeaseMs;
  }
}

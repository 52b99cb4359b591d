/**
 * Bandwidth caps for snapshot shipping ({@code tandem.ship.bandwidth.mbps} and {@code .schedule}).
 *
 * <p>One {@link io.tandem.mirror.throttle.RateLimiter} is shared by every stream of a ship, so the cap holds for
 * their sum. {@link io.tandem.mirror.throttle.ThrottledOutputStream} and
 * {@link io.tandem.mirror.throttle.ThrottledInputStream} pay it chunk by chunk. The limiter is a token bucket that
 * holds at most 50 ms of the rate: the rate holds over every short window, and idling earns no burst beyond that.
 * Its rate can change at any time and applies to callers already waiting.
 *
 * <p>{@link io.tandem.mirror.throttle.ScheduledRate} sets the limiter's rate from the
 * {@link io.tandem.coord.conf.BandwidthSchedule}. It re-evaluates at each schedule boundary and at least once a
 * second. It may scale the cap down by an {@link io.tandem.mirror.throttle.AdaptiveRate} share while the link's round
 * trip rises. Megabits are 10<sup>6</sup> bits, so 1 Mbit/s is 125,000 bytes per second.
 */
package io.tandem.mirror.throttle;

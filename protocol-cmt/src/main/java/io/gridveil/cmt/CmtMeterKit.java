// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.Timing;
import java.util.Objects;

/**
 * Everything a CMT meter's handle needs (spec/runtime.md §5.4): its identity, the group, the
 * group's parameters with the timer durations and the round schedule, its credentials (device
 * public key, the supplier's anchors and reading key pk_S), and its secrets, the device key and
 * ms_i. Immutable; its {@code toString} names no secret.
 */
public final class CmtMeterKit {
  private final MeterId id;
  private final GroupId group;
  private final CmtParameters params;
  private final Timing timing;
  private final RoundSchedule schedule;
  private final MeterCredentials credentials;
  private final Ed25519SigningKey deviceKey;
  private final MeterSecret secret;

  /**
   * Assembles a kit.
   *
   * @param id the meter's identity
   * @param group the group
   * @param params the group's parameters
   * @param timing the timer durations
   * @param schedule the deployment's round schedule
   * @param credentials the meter's credentials
   * @param deviceKey the device key, whose public half the credentials name
   * @param secret ms_i
   * @throws IllegalArgumentException RT-V-01: the device key is not the credentials' device key
   */
  public CmtMeterKit(MeterId id, GroupId group, CmtParameters params, Timing timing,
      RoundSchedule schedule, MeterCredentials credentials, Ed25519SigningKey deviceKey,
      MeterSecret secret) {
    this.id = Objects.requireNonNull(id, "id");
    this.group = Objects.requireNonNull(group, "group");
    this.params = Objects.requireNonNull(params, "params");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.deviceKey = Objects.requireNonNull(deviceKey, "deviceKey");
    this.secret = Objects.requireNonNull(secret, "secret");
    if (!deviceKey.publicKey().equals(credentials.deviceKey())) {
      throw new IllegalArgumentException("RT-V-01: the device key is not the credentials' key");
    }
  }

  /**
   * Returns the meter's identity.
   *
   * @return the meter's identity
   */
  public MeterId id() {
    return id;
  }

  /**
   * Returns the group.
   *
   * @return the group
   */
  public GroupId group() {
    return group;
  }

  /**
   * Returns the group's parameters.
   *
   * @return the group's parameters
   */
  public CmtParameters params() {
    return params;
  }

  /**
   * Returns the timer durations.
   *
   * @return the timer durations
   */
  public Timing timing() {
    return timing;
  }

  /**
   * Returns the round schedule.
   *
   * @return the round schedule
   */
  public RoundSchedule schedule() {
    return schedule;
  }

  /**
   * Returns the credentials.
   *
   * @return the credentials
   */
  public MeterCredentials credentials() {
    return credentials;
  }

  Ed25519SigningKey deviceKey() {
    return deviceKey;
  }

  MeterSecret secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "CmtMeterKit[" + id.value() + " of " + group.value() + ", keys redacted]";
  }
}

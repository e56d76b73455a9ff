package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.ViolationKind;
import org.junit.jupiter.api.Test;

class ViolationCountKeyTest {

  @Test
  void roundTripsWithARule() {
    ViolationCountKey key = new ViolationCountKey("acme", "g1", ViolationKind.KEYWORD, "no-insults");
    assertThat(key.format()).isEqualTo("acme/g1/KEYWORD/no-insults");
    assertThat(ViolationCountKey.parse(key.format())).isEqualTo(key);
  }

  @Test
  void roundTripsWithoutARuleAndWithSlashesInTheGroup() {
    ViolationCountKey key = new ViolationCountKey("acme", "stores/berlin/KEYWORD/x", ViolationKind.BLACKLISTED_SENDER, null);
    assertThat(ViolationCountKey.parse(key.format())).isEqualTo(key);
  }

  @Test
  void refusesKeysWithoutAllParts() {
    assertThatThrownBy(() -> ViolationCountKey.parse("acme/KEYWORD/r1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ViolationCountKey.parse("acme")).isInstanceOf(IllegalArgumentException.class);
  }
}

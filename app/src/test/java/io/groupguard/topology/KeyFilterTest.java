package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class KeyFilterTest {

  @Property
  void everyAddedKeyMightBePresent(@ForAll List<String> keys) {
    KeyFilter filter = new KeyFilter(Math.max(1, keys.size()));
    keys.forEach(filter::add);
    assertThat(keys).allMatch(filter::mightContain);
  }

  @Test
  void atCapacityFewAbsentKeysGetThrough() {
    int capacity = 100_000;
    KeyFilter filter = new KeyFilter(capacity);
    IntStream.range(0, capacity).forEach(i -> filter.add("acme/enterprise//member-" + i));
    long letThrough = IntStream.range(0, capacity).filter(i -> filter.mightContain("acme/enterprise//visitor-" + i)).count();
    assertThat(letThrough).isLessThan(capacity * 3 / 100);
  }

  @Test
  void anEmptyFilterHoldsNothing() {
    KeyFilter filter = new KeyFilter(10);
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> "key-" + i)).noneMatch(filter::mightContain);
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new KeyFilter(0)).isInstanceOf(IllegalArgumentException.class);
  }
}

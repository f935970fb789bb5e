package org.twostep.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AddressLimitsTest {

    @Test
    void anIpv6HostFillsOneBucketPerSlash64AndIpv4OnePerAddress() {
        assertEquals(AddressLimits.keyOf("2001:db8:1:2::1"), AddressLimits.keyOf("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assertNotEquals(AddressLimits.keyOf("2001:db8:1:2::1"), AddressLimits.keyOf("2001:db8:1:3::1"));
        assertEquals("203.0.113.7", AddressLimits.keyOf("203.0.113.7"));
        assertEquals("not-an-address", AddressLimits.keyOf("not-an-address"), "no name is ever looked up");
    }
}

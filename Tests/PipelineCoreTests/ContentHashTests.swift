import Foundation
import PipelineCore
import Testing

@Suite struct ContentHashTests {
    /// Pinned values: entries written on one machine are read on another.
    @Test func valuesAreStable() {
        #expect(ContentHash.of([UInt8]()).description.count == 32)
        #expect(ContentHash.of(Array("".utf8)) == ContentHash.of([UInt8]()))
        #expect(ContentHash.of(Array("Spørsmål 1".utf8)).description == "25c96d81c278f3618dfd91aa3815dd40")
        #expect(ContentHash.of(Array(repeating: 0x61, count: 100)).description == "e9fbdd2be6d77e6222abaaa01d8b25fb")
    }

    @Test func smallChangesGiveDifferentHashes() {
        var seen = Set<ContentHash>()
        // Every length of zeros, every single byte, every pair of bytes with a few first values.
        for length in 0 ... 200 { seen.insert(ContentHash.of([UInt8](repeating: 0, count: length))) }
        for byte in 0 ... 255 { seen.insert(ContentHash.of([UInt8(byte)])) }
        for first in 0 ..< 8 { for second in 0 ... 255 { seen.insert(ContentHash.of([UInt8(first), UInt8(second)])) } }
        #expect(seen.count == 201 + 255 + 8 * 256 - 1) // [0] and [0, 0] are already among the zeros
        // Every single bit flipped in a 300-byte text, in every position of the 32-byte blocks and the tail.
        let text = Array(String(repeating: "Kommunen mener at detaljstyringen må ned. ", count: 8).utf8.prefix(300))
        var flips = Set([ContentHash.of(text)])
        for position in text.indices {
            for bit in 0 ..< 8 {
                var changed = text
                changed[position] ^= UInt8(1 << bit)
                flips.insert(ContentHash.of(changed))
            }
        }
        #expect(flips.count == 1 + text.count * 8)
        // Both halves change.
        var other = text
        other[150] ^= 1
        let a = ContentHash.of(text), b = ContentHash.of(other)
        #expect(a.high != b.high && a.low != b.low)
        #expect(ContentHash.of(text, seed: 1) != a)
    }

    @Test func builderSeparatesItsValues() {
        var ab = ContentHash.Builder(), a_b = ContentHash.Builder()
        ab.add("ab")
        ab.add("")
        a_b.add("a")
        a_b.add("b")
        #expect(ab.hash != a_b.hash)
    }
}

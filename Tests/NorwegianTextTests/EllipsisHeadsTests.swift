@testable import NorwegianText
import Testing

/// The heads of a compound are the same whether read on the bytes or as `Character`s.
@Suite struct EllipsisHeadsTests {
    /// The `Character` reading, as `heads(of:)` does it for any text.
    static func reference(_ compound: String) -> [String] {
        let characters = Array(compound.split(separator: "-").last ?? Substring(compound))
        guard characters.count >= 2 + CoordinationEllipsis.minimumHead else { return [] }
        var linked: [String] = [], other: [String] = []
        for split in 2 ... characters.count - CoordinationEllipsis.minimumHead {
            let head = String(characters[split...])
            if characters[split - 1] == "s" || characters[split - 1] == "e" { linked.append(head) } else { other.append(head) }
        }
        return linked + other
    }

    @Test(arguments: ["omsorgstjenester", "velferdstjenester", "deltidsstillinger", "ikt-løsninger", "a-b-omsorgsbustader",
                      "-", "--", "", "abcde", "abcd", "æøåæøå", "sjukeheimsplassar-", "x-", "fylkes-kommunene", "e\u{301}tatene",
                      "hjem\u{200D}metjenester", "kvinne’s-arbeid"])
    func headsOnBytesAreTheHeadsOnCharacters(compound: String) {
        #expect(CoordinationEllipsis.heads(of: compound) == Self.reference(compound))
    }
}

import Foundation
import PipelineCore

/// Unicode NFC, so `å` typed as `a` + ring and `å` precomposed are the same bytes.
///
/// Text made of ASCII, Latin-1 and general punctuation is already NFC and passes through
/// without the (slow) Foundation call.
public struct CanonicalCompositionFilter: TextFilter {
    public let id = "nfc"

    public init() {}

    public func apply(_ text: String) -> String {
        var copy = text
        let needsComposition = copy.withUTF8 { p -> Bool in
            var i = 0
            while i < p.count {
                let b = p[i]
                if b < 0xC2 {
                    i += 1
                } else if b == 0xC2 || b == 0xC3 {
                    i += 2
                } else if b == 0xE2 && i + 2 < p.count
                            && (p[i + 1] == 0x80 && p[i + 2] >= 0x82 || p[i + 1] == 0x82) {
                    // Not U+2000 and U+2001: NFC maps them to U+2002 and U+2003.
                    i += 3
                } else {
                    return true
                }
            }
            return false
        }
        return needsComposition ? text.precomposedStringWithCanonicalMapping : text
    }
}

/// Repairs text that was encoded as UTF-8 twice (UTF-8 bytes read as Windows-1252 and saved as
/// UTF-8 again): `Ã¸` → `ø`, `Ã¥` → `å`, `Ã…` → `Å`, `Ã˜` → `Ø`, `Ã¦` → `æ`, `â€“` → `–`.
///
/// A word is changed only when the whole word, turned back into Windows-1252 bytes, is valid
/// UTF-8 — so clean text (`Ås`, `Bærum`, `«sitat»`) never changes. Guillemets around a word are
/// kept as they are. Text without `Ã`, `Â` or `â` is returned untouched without a scan.
public enum MojibakeRepair {
    /// The repaired text and the number of words repaired.
    public static func repair(_ text: String) -> (text: String, repairs: Int) {
        guard mayContainMojibake(text) else { return (text, 0) }
        var out = String.UnicodeScalarView()
        var word: [Unicode.Scalar] = []
        var repairs = 0
        func flush() {
            guard !word.isEmpty else { return }
            if let fixed = repairWord(word) {
                out.append(contentsOf: fixed)
                repairs += 1
            } else {
                out.append(contentsOf: word)
            }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                flush()
                out.append(scalar)
            } else {
                word.append(scalar)
            }
        }
        flush()
        return (String(out), repairs)
    }

    /// True when the UTF-8 holds `Ã` (C3 83), `Â` (C3 82) or `â` (C3 A2): the lead bytes of
    /// doubly encoded letters and punctuation.
    static func mayContainMojibake(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0xC3, byte == 0x83 || byte == 0x82 || byte == 0xA2 { return true }
            previous = byte
        }
        return false
    }

    /// The repaired word, or nil when the word is not doubly encoded as a whole.
    static func repairWord(_ word: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard word.contains(where: { $0 == "Ã" || $0 == "Â" || $0 == "â" }) else { return nil }
        var start = 0, end = word.count
        while start < end, word[start] == "«" || word[start] == "»" { start += 1 }
        while end > start, word[end - 1] == "«" || word[end - 1] == "»" { end -= 1 }
        var current = Array(word[start ..< end])
        var changed = false
        // Twice encoded text needs two rounds.
        for _ in 0 ..< 2 {
            guard let bytes = windows1252Bytes(current), let decoded = String(validating: bytes, as: UTF8.self) else { break }
            let scalars = Array(decoded.unicodeScalars)
            if scalars == current { break }
            current = scalars
            changed = true
        }
        guard changed else { return nil }
        return Array(word[..<start]) + current + Array(word[end...])
    }

    /// Windows-1252 bytes of the scalars, or nil when one has none. The five bytes
    /// Windows-1252 leaves undefined are taken as the C1 controls Latin-1 reads them as.
    static func windows1252Bytes(_ scalars: [Unicode.Scalar]) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 || (value >= 0xA0 && value <= 0xFF) || [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(value) {
                bytes.append(UInt8(value))
            } else if let byte = windows1252High[scalar] {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return bytes
    }

    /// Characters Windows-1252 puts at 0x80–0x9F.
    static let windows1252High: [Unicode.Scalar: UInt8] = [
        "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
        "Š": 0x8A, "‹": 0x8B, "Œ": 0x8C, "Ž": 0x8E, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
        "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9A, "›": 0x9B, "œ": 0x9C, "ž": 0x9E, "Ÿ": 0x9F,
    ]
}

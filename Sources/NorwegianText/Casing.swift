/// Lowercasing for matching, on UTF-8 bytes.
public enum NorwegianCase {
    /// The lowercased UTF-8 of `bytes`. ASCII and Latin-1 letters (Æ Ø Å É …) are folded in
    /// place; anything else falls back to Unicode lowercasing.
    public static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                i += 1
            } else if b == 0xC3, i + 1 < bytes.count {
                let next = bytes[i + 1]
                out.append(b)
                out.append(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next)
                i += 2
            } else {
                return Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
            }
        }
        return out
    }

    /// Lowercased string, same rules as the byte version.
    public static func lowercased(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: lowercased($0), as: UTF8.self) }
    }
}

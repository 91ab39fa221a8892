/// Byte-level character classes for Norwegian text in UTF-8.
///
/// Decides from the lead bytes alone, without decoding to `Character`: ASCII by table, Latin-1
/// letters (æ ø å é ü …) by their `C3` lead byte, general punctuation by `E2 80`, emoji by `F0 9F`.
/// Everything else that is not punctuation or space counts as a letter, so Sámi, Greek or
/// Cyrillic words stay whole.
enum CharacterClass: UInt8 {
    case letter, digit, space, punctuation, symbol

    var isWordCharacter: Bool { self == .letter || self == .digit }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The class and byte length of the character starting at `i`. Invalid bytes count as
    /// one-byte symbols, so scanning always advances.
    @inline(__always)
    func characterClass(at i: Int) -> (CharacterClass, Int) {
        let b = self[i]
        if b < 0x80 { return (asciiClass[Int(b)], 1) }
        let length: Int
        switch b {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0 ... 0xEF: length = 3
        case 0xF0 ... 0xF4: length = 4
        default: return (.symbol, 1)
        }
        guard i + length <= count else { return (.symbol, 1) }
        for k in 1 ..< length where self[i + k] & 0xC0 != 0x80 { return (.symbol, 1) }
        let b1 = self[i + 1]
        switch b {
        case 0xC2:
            switch b1 {
            case 0xA0: return (.space, 2) // no-break space
            case 0xAA, 0xB5, 0xBA: return (.letter, 2) // ª µ º
            default: return (.punctuation, 2) // « » § ° ¶ and friends
            }
        case 0xC3:
            return (b1 == 0x97 || b1 == 0xB7) ? (.symbol, 2) : (.letter, 2) // × ÷
        case 0xE2:
            if b1 == 0x80 {
                let b2 = self[i + 2]
                if b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF { return (.space, 3) }
                return (.punctuation, 3)
            }
            if b1 == 0x81, self[i + 2] == 0x9F { return (.space, 3) }
            if b1 <= 0x81 { return (.punctuation, 3) }
            return (.symbol, 3) // currency, arrows, mathematics, boxes, dingbats
        case 0xE3:
            if b1 == 0x80 { return self[i + 2] == 0x80 ? (.space, 3) : (.punctuation, 3) }
            return (.letter, 3)
        case 0xEF:
            if b1 == 0xBB, self[i + 2] == 0xBF { return (.space, 3) } // byte order mark
            if b1 == 0xB8, self[i + 2] <= 0x8F { return (.symbol, 3) } // variation selectors (emoji style)
            return (.letter, 3)
        case 0xF0:
            return b1 >= 0x9F ? (.symbol, 4) : (.letter, 4) // emoji and pictographs
        default:
            return (.letter, length)
        }
    }
}

private let asciiClass: [CharacterClass] = (0 ..< 128).map { value in
    switch UInt8(value) {
    case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"): .letter
    case UInt8(ascii: "0") ... UInt8(ascii: "9"): .digit
    case 0x09 ... 0x0D, 0x20: .space
    case 0x00 ... 0x08, 0x0E ... 0x1F, 0x7F: .space
    case UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="),
         UInt8(ascii: ">"), UInt8(ascii: "^"), UInt8(ascii: "|"), UInt8(ascii: "~"): .symbol
    default: .punctuation
    }
}

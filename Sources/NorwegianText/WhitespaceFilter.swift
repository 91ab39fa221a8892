import PipelineCore

/// Cleans the characters PDF and Word exports scatter in text, on UTF-8 bytes.
///
/// - tabs, no-break and other Unicode spaces become plain spaces; runs of spaces inside a line
///   become one; spaces at the end of a line go (a line of only spaces becomes empty);
///   indentation at the start of a line stays, one space per blank character;
/// - soft hyphens, zero-width spaces, word joiners and stray byte order marks are removed;
/// - control characters become spaces;
/// - compatibility ligatures (`ﬁ` `ﬂ` `ﬀ` `ﬃ` `ﬄ` `ﬅ` `ﬆ`) are spelled out.
///
/// Line ends are never touched, so the output has the input's lines.
public struct WhitespaceFilter: TextFilter {
    public let id = "whitespace"

    public init() {}

    public func apply(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { input -> String? in
            needsWork(input) ? String(decoding: clean(input), as: UTF8.self) : nil
        } ?? text
    }

    /// True when some byte would change: saves the copy for clean text.
    private func needsWork(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = false
        for b in p {
            if b == 0x20 {
                if previousSpace { return true }
                previousSpace = true
                continue
            }
            if b == 0x0A {
                if previousSpace { return true }
            } else if b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF {
                return true
            }
            previousSpace = false
        }
        return previousSpace
    }

    private func clean(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(p.count)
        var atLineStart = true
        var indentation = 0
        var pendingSpace = false
        var i = 0
        func emit(_ bytes: some Sequence<UInt8>) {
            if atLineStart {
                out.append(contentsOf: repeatElement(0x20, count: indentation))
            } else if pendingSpace {
                out.append(0x20)
            }
            pendingSpace = false
            atLineStart = false
            indentation = 0
            out.append(contentsOf: bytes)
        }
        while i < p.count {
            let b = p[i]
            if b == 0x0A {
                // Spaces on a line with nothing else are trailing spaces too.
                pendingSpace = false
                indentation = 0
                out.append(b)
                atLineStart = true
                i += 1
                continue
            }
            let (kind, length) = classify(p, at: i)
            switch kind {
            case .space:
                if atLineStart { indentation += 1 } else { pendingSpace = true }
            case .remove:
                break
            case .keep:
                emit(UnsafeBufferPointer(rebasing: p[i ..< i + length]))
            case let .replace(bytes):
                emit(bytes)
            }
            i += length
        }
        return out
    }

    private enum Action {
        case space, remove, keep
        case replace([UInt8])
    }

    @inline(__always)
    private func classify(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Action, Int) {
        let b = p[i]
        if b < 0x80 {
            return (b <= 0x20 || b == 0x7F) ? (.space, 1) : (.keep, 1)
        }
        let (cls, length) = p.characterClass(at: i)
        guard length > 1 else { return (.keep, 1) }
        let b1 = p[i + 1]
        switch b {
        case 0xC2 where b1 == 0xAD:
            return (.remove, 2) // soft hyphen
        case 0xC2 where b1 >= 0x80 && b1 <= 0x9F:
            return (.space, 2) // C1 controls
        case 0xE2 where b1 == 0x80 && (p[i + 2] == 0x8B || p[i + 2] == 0x8C):
            return (.remove, 3) // zero-width space and non-joiner
        case 0xE2 where b1 == 0x81 && p[i + 2] == 0xA0:
            return (.remove, 3) // word joiner
        case 0xEF where b1 == 0xBB && p[i + 2] == 0xBF:
            return (.remove, 3) // byte order mark
        case 0xEF where b1 == 0xAC && p[i + 2] <= 0x86:
            return (.replace(ligatures[Int(p[i + 2] - 0x80)]), 3)
        default:
            return cls == .space ? (.space, length) : (.keep, length)
        }
    }

    private let ligatures: [[UInt8]] = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"].map { Array($0.utf8) }
}

import Foundation
import PipelineCore

/// Turns a file's bytes into text with LF line ends, and says how.
public struct TextDecoder: Sendable {
    public struct Result: Sendable, Equatable {
        public var text: String
        /// Human-readable encoding name for the manifest.
        public var encoding: String
        public var findings: [Finding]
        /// Words repaired from double UTF-8 encoding (`Ã¸` → `ø`).
        public var repairs: Int = 0
    }

    /// Why bytes are not text.
    public enum Rejection: Error, Equatable, CustomStringConvertible {
        case empty
        case binary(offset: Int)

        public var description: String {
            switch self {
            case .empty: "tom fil"
            case let .binary(offset): "binærfil, ikke tekst (NUL-byte ved byte \(offset))"
            }
        }
    }

    public init() {}

    /// Decodes UTF-8 (with or without BOM), UTF-16 with BOM, UTF-16 without BOM (told by the
    /// NUL bytes every other byte of mostly Latin text has), and falls back to Windows-1252 for
    /// bytes that are not valid UTF-8. CRLF and lone CR become LF. Words encoded as UTF-8 twice
    /// are repaired and counted.
    public func decode(_ data: Data) -> Swift.Result<Result, Rejection> {
        switch decodeBytes(data) {
        case let .failure(rejection): return .failure(rejection)
        case var .success(result):
            let (repaired, repairs) = MojibakeRepair.repair(result.text)
            if repairs > 0 {
                result.text = repaired
                result.repairs = repairs
                result.findings.append(Finding(.info, stage: "decode",
                    "\(repairs) ord med dobbel UTF-8-koding reparert (for eksempel Ã¸ → ø)"))
            }
            return .success(result)
        }
    }

    private func decodeBytes(_ data: Data) -> Swift.Result<Result, Rejection> {
        if data.isEmpty { return .failure(.empty) }
        var findings: [Finding] = []
        let text: String
        let encoding: String
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let decoded = String(validatingUTF8Bytes: data.dropFirst(3)) else {
                return decodeLegacy(data.dropFirst(3), note: "UTF-8-BOM, men ugyldig UTF-8")
            }
            (text, encoding) = (decoded, "UTF-8 med BOM")
        } else if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let little = data.first == 0xFF
            guard let decoded = String(data: data, encoding: little ? .utf16LittleEndian : .utf16BigEndian)
            else { return .failure(.binary(offset: 0)) }
            text = decoded.hasPrefix("\u{FEFF}") ? String(decoded.dropFirst()) : decoded
            encoding = little ? "UTF-16 LE" : "UTF-16 BE"
        } else if let little = Self.utf16WithoutByteOrderMark(data) {
            // Text, not binary: no control characters but line ends and tabs.
            guard let decoded = String(data: data, encoding: little ? .utf16LittleEndian : .utf16BigEndian),
                  !decoded.unicodeScalars.contains(where: { ($0.value < 0x20 && !"\n\r\t\u{0C}".unicodeScalars.contains($0)) || $0.value == 0xFFFD })
            else {
                return .failure(.binary(offset: data.firstIndex(of: 0).map { $0 - data.startIndex } ?? 0))
            }
            text = decoded
            encoding = little ? "UTF-16 LE uten BOM" : "UTF-16 BE uten BOM"
        } else {
            // On the contiguous bytes, not byte by byte through `Data`: a NUL means binary.
            let (nul, decoded): (Int?, String?) = data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                if let nul = bytes.firstIndex(of: 0) { return (nul, nil) }
                return (nil, String(validating: bytes, as: UTF8.self))
            }
            if let nul { return .failure(.binary(offset: nul)) }
            guard let decoded else {
                return decodeLegacy(data, note: "ikke gyldig UTF-8")
            }
            (text, encoding) = (decoded, "UTF-8")
        }
        let (normalizedText, lineEnds) = Self.normalizeLineEnds(text)
        if let lineEnds { findings.append(Finding(.info, stage: "decode", "linjeskift \(lineEnds) gjort om til LF")) }
        return .success(Result(text: normalizedText, encoding: encoding, findings: findings))
    }

    private func decodeLegacy(_ bytes: Data, note: String) -> Swift.Result<Result, Rejection> {
        if let nul = bytes.firstIndex(of: 0) { return .failure(.binary(offset: nul - bytes.startIndex)) }
        guard let decoded = String(data: bytes, encoding: .windowsCP1252) ?? String(data: bytes, encoding: .isoLatin1)
        else { return .failure(.binary(offset: 0)) }
        let (text, _) = Self.normalizeLineEnds(decoded)
        let finding = Finding(.warning, stage: "decode", "\(note); lest som Windows-1252")
        return .success(Result(text: text, encoding: "Windows-1252", findings: [finding]))
    }

    /// True for UTF-16 little endian, false for big endian, nil when the bytes do not look like
    /// UTF-16: an even length, and in the first 4 KiB NUL in at least a third of the odd (LE) or
    /// even (BE) positions and in hardly any of the others.
    static func utf16WithoutByteOrderMark(_ data: Data) -> Bool? {
        guard data.count >= 8, data.count % 2 == 0 else { return nil }
        var evenZeros = 0, oddZeros = 0, pairs = 0
        for (offset, byte) in data.prefix(4096).enumerated() {
            if offset % 2 == 0 { pairs += 1; if byte == 0 { evenZeros += 1 } } else if byte == 0 { oddZeros += 1 }
        }
        if oddZeros * 3 >= pairs, evenZeros * 20 <= pairs { return true }
        if evenZeros * 3 >= pairs, oddZeros * 20 <= pairs { return false }
        return nil
    }

    /// Replaces CRLF and CR with LF; names what it replaced, or nil when the text had LF only.
    static func normalizeLineEnds(_ text: String) -> (String, String?) {
        guard text.utf8.contains(0x0D) else { return (text, nil) }
        // On the bytes: CR and LF are never part of a longer UTF-8 sequence.
        var hasCRLF = false
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            if previousWasCR {
                out.append(0x0A)
                if byte == 0x0A { hasCRLF = true; previousWasCR = false; continue }
            }
            previousWasCR = byte == 0x0D
            if !previousWasCR { out.append(byte) }
        }
        if previousWasCR { out.append(0x0A) }
        return (String(decoding: out, as: UTF8.self), hasCRLF ? "CRLF" : "CR")
    }
}

extension String {
    /// The string when `bytes` are valid UTF-8, nil otherwise (no replacement characters).
    init?(validatingUTF8Bytes bytes: some Collection<UInt8>) {
        guard let decoded = String(validating: bytes, as: UTF8.self) else { return nil }
        self = decoded
    }
}

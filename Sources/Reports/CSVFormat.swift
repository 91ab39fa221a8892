/// CSV as Norwegian Excel and LibreOffice open it: UTF-8 with byte order mark, `;` between
/// columns, `"` quoting, CRLF line ends, and cells that could start a formula made inert.
public enum CSVFormat {
    public static let separator = ";"

    /// Renders a header and rows.
    public static func render(header: [String], rows: [[String]]) -> String {
        var out = "\u{FEFF}"
        for row in [header] + rows { out += line(row) }
        return out
    }

    /// One row with its line end.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: separator) + "\r\n"
    }

    /// One cell, quoted when needed. A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
    /// leading apostrophe so a spreadsheet shows it as text instead of running it — except
    /// plain numbers such as `-3`.
    public static func cell(_ value: String) -> String {
        quoted(inert(value), separator: 0x3B, alsoQuoting: 0x2C)
    }

    /// `value` in quotes, its quotes doubled, when it holds `separator`, `also`, a quote or a line
    /// break, or starts or ends with a space; else as it is. Decided on the bytes: the bytes looked
    /// for are ASCII and never part of a longer character.
    static func quoted(_ value: String, separator: UInt8, alsoQuoting also: UInt8? = nil) -> String {
        var needsQuotes = false
        var hasQuote = false
        for byte in value.utf8 {
            if byte == 0x22 { hasQuote = true; needsQuotes = true; break }
            if byte == separator || byte == 0x0A || byte == 0x0D || byte == also { needsQuotes = true }
        }
        if !needsQuotes {
            // `hasPrefix(" ")` compares whole characters: only a leading space byte can make it true.
            needsQuotes = (value.utf8.first == 0x20 && value.hasPrefix(" ")) || (value.utf8.last == 0x20 && value.hasSuffix(" "))
        }
        guard needsQuotes else { return value }
        guard hasQuote else { return "\"" + value + "\"" }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` with a leading apostrophe when a spreadsheet would take it as a formula, and
    /// without direction controls.
    static func inert(_ value: String) -> String {
        let value = BidiControls.removed(from: value)
        guard let byte = value.utf8.first, byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
        else { return value }
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
           Double(value.replacingOccurrences(of: ",", with: ".")) == nil {
            return "'" + value
        }
        return value
    }

    /// A share as a Norwegian percentage with one decimal: `33,3`.
    public static func percent(_ part: Int, of whole: Int) -> String {
        NorwegianNumber.percent(part, of: whole)
    }
}

/// CSV for R, Python and other programs: UTF-8 without byte order mark, `,` between columns,
/// `.` as decimal point, `"` quoting (RFC 4180), LF line ends. Text cells that a spreadsheet
/// would run as a formula get the same leading apostrophe as in `CSVFormat`.
public enum TidyCSVFormat {
    public static func header(_ columns: [String]) -> String {
        line(columns)
    }

    /// One record with its line end.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\n"
    }

    public static func cell(_ value: String) -> String {
        CSVFormat.quoted(CSVFormat.inert(value), separator: 0x2C)
    }
}

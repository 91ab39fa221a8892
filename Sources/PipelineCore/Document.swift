import Foundation

/// One file offered to a run, before anything is read from it.
public struct InputFile: Sendable, Hashable {
    /// Where the file is.
    public var url: URL
    /// The path shown in manifests and reports, relative to the corpus folder.
    public var relativePath: String
    /// The booklet year the file belongs to, when the corpus layout tells.
    public var year: Int?

    public init(url: URL, relativePath: String, year: Int?) {
        self.url = url
        self.relativePath = relativePath
        self.year = year
    }

    /// The lowercased file extension without the dot (`md`, `txt`), empty when there is none.
    public var fileExtension: String { url.pathExtension.lowercased() }
}

/// A municipality or county as identified for a document.
public struct Respondent: Sendable, Hashable, Codable {
    /// Official number (`3005`), or empty when the name is not in the register.
    public var number: String
    public var name: String
    /// County name for the year of the document, empty when unknown.
    public var county: String

    public init(number: String, name: String, county: String) {
        self.number = number
        self.name = name
        self.county = county
    }

    /// The key used to count distinct respondents: the number, or the name when unnumbered.
    public var key: String { number.isEmpty ? "navn:" + name : number }
}

/// One input file, decoded to text with LF line ends.
public struct Document: Sendable {
    public var file: InputFile
    /// `txt`, `md`, …
    public var format: String
    /// The encoding the bytes were decoded from, e.g. `UTF-8`, `UTF-8 med BOM`.
    public var encoding: String
    /// The decoded text; lines end in `\n` only.
    public var text: String
    public var respondent: Respondent?
    public var findings: [Finding]

    public init(file: InputFile, format: String, encoding: String, text: String,
                respondent: Respondent? = nil, findings: [Finding] = []) {
        self.file = file
        self.format = format
        self.encoding = encoding
        self.text = text
        self.respondent = respondent
        self.findings = findings
    }
}

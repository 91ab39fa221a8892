/// What became of one input file in a run.
public enum FileStatus: String, Sendable, Hashable, Codable {
    /// Read, split and classified.
    case ok
    /// Deliberately not processed (unsupported format, empty file, …); the reason says why.
    case skipped
    /// Could not be processed (unreadable, undecodable, …); the reason says why.
    case failed
}

/// One row of the run manifest: every input file gets exactly one.
public struct ManifestEntry: Sendable, Hashable {
    public var path: String
    public var format: String
    public var encoding: String
    public var year: Int?
    public var respondent: Respondent?
    public var status: FileStatus
    /// Why the file was skipped or failed, in words a person understands; empty when `ok`.
    public var reason: String
    /// Number of non-blank answers found per question.
    public var answersPerQuestion: [QuestionKey: Int]
    /// Characters of answer text kept for classification.
    public var charactersKept: Int
    /// Characters removed as question text echoed inside the answer.
    public var charactersRemoved: Int
    /// Words repaired from double UTF-8 encoding (`Ã¸` → `ø`).
    public var repairs: Int
    public var findings: [Finding]

    public init(path: String, format: String, encoding: String = "", year: Int?,
                respondent: Respondent? = nil, status: FileStatus, reason: String = "",
                answersPerQuestion: [QuestionKey: Int] = [:], charactersKept: Int = 0,
                charactersRemoved: Int = 0, repairs: Int = 0, findings: [Finding] = []) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.year = year
        self.respondent = respondent
        self.status = status
        self.reason = reason
        self.answersPerQuestion = answersPerQuestion
        self.charactersKept = charactersKept
        self.charactersRemoved = charactersRemoved
        self.repairs = repairs
        self.findings = findings
    }
}

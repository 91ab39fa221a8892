import Foundation

/// How far a run has come, readable from another thread: what an interrupted run prints.
public final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var year: Int?
    private var done = 0
    private var total = 0
    private var committing = false

    public init() {}

    /// A year's files are about to be processed.
    public func start(year: Int, files: Int) {
        lock.lock()
        self.year = year
        done = 0
        total = files
        lock.unlock()
    }

    public func fileDone() {
        lock.lock()
        done += 1
        lock.unlock()
    }

    /// True while the finished reports are being renamed into place: an interruption then
    /// waits for the renames, so the reports are never half old, half new.
    public var isCommitting: Bool {
        get { lock.lock(); defer { lock.unlock() }; return committing }
        set { lock.lock(); committing = newValue; lock.unlock() }
    }

    /// Where the run is, in words: `år 2025: 120 av 370 filer behandlet`.
    public var description: String {
        lock.lock()
        defer { lock.unlock() }
        if committing { return "rapportene flyttes på plass" }
        guard let year else { return "før første fil" }
        return "år \(year): \(done) av \(total) filer behandlet"
    }
}

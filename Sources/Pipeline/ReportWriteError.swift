import Reports

/// Why a report file could not be written (full disk, size limit, no write permission); the
/// run's reports were then left as they were.
public typealias ReportWriteError = ReportWriter.WriteError

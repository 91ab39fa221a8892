import Foundation
import TestSupport
import Testing

/// The HTML report in a real browser, when Chromium is installed (Debian: `apt-get install
/// chromium`); skipped with a note otherwise. `make html-check` makes the same screenshot of
/// the committed reports.
@Suite struct BrowserTests {
    static let chromium: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in paths where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// Runs the browser headless; nil when it did not finish within a minute.
    static func browser(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        var flags = ["--headless", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--mute-audio"]
        if getuid() == 0 { flags.append("--no-sandbox") }
        process.arguments = flags + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        nonisolated(unsafe) var data = Data()
        let reader = Thread { data = output.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate(); return nil }
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.05) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: chromium != nil, "Chromium er ikke installert (apt-get install chromium): HTML-rapporten sjekkes ikke i nettleser"))
    func theReportRendersAndItsScriptRuns() throws {
        let page = Repository.url("Tests/ReportsTests/Snapshots/rapport.html")
        let dom = try #require(try Self.browser(["--virtual-time-budget=3000", "--dump-dom", page.absoluteString]), "Chromium hung")
        #expect(dom.status == 0)
        // The script ran: it marks the page, wraps table headings in buttons and shows the filter.
        #expect(dom.output.contains("<html lang=\"nb\" class=\"js\">"))
        #expect(dom.output.contains("<th><button type=\"button\">"))
        #expect(dom.output.contains("<form class=\"filter\" id=\"sitatfilter\">"))
        #expect(dom.output.contains("<output id=\"f-antall\">6 sitater</output>"))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let shot = folder.url.appendingPathComponent("rapport.png")
        let result = try #require(try Self.browser(["--window-size=1400,2000", "--screenshot=\(shot.path)", page.absoluteString]), "Chromium hung")
        #expect(result.status == 0)
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000, "the screenshot is almost empty")
    }
}

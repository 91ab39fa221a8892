// Speed of the whole Norwegian normalisation (every repair, joined lines), release build:
//   swift build -c release --product normalize-bench
//   .build/release/normalize-bench [--clean] CLEAN_FILE... --ocr OCR_FILE...
// Each file is one document; documents are repeated until about a million words went through.
// Prints the start-up time, each filter's time per word, and words per second of CPU time.
import Foundation
import NorwegianText
import PipelineCore

/// CPU time of this thread in seconds: steadier than the wall clock on a shared machine, and
/// what "words per second on one core" means.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func words(_ text: String) -> Int {
    var count = 0
    var inWord = false
    for b in text.utf8 {
        let space = b == 0x20 || b == 0x0A || b == 0x09
        if !space, !inWord { count += 1 }
        inWord = !space
    }
    return count
}

let clock = ContinuousClock()
let startup = clock.now
let chain = try NorwegianChain.standard()
let startupTime = clock.now - startup

var clean: [String] = []
var damaged: [String] = []
var target = 0 // 0 clean, 1 ocr
for argument in CommandLine.arguments.dropFirst() {
    if argument == "--ocr" { target = 1; continue }
    if argument == "--clean" { target = 0; continue }
    let text = try String(contentsOf: URL(fileURLWithPath: argument), encoding: .utf8)
    if target == 0 { clean.append(text) } else { damaged.append(text) }
}

func measure(_ name: String, _ documents: [String], minimumWords: Int = 1_000_000) {
    guard !documents.isEmpty else { return }
    let perRound = documents.reduce(0) { $0 + words($1) }
    var total = 0
    var changes = 0
    // One untimed round warms caches.
    for document in documents { _ = chain.normalize(document, joinLines: true) }
    let start = cpuSeconds()
    while total < minimumWords {
        for document in documents {
            var recorded: [TextChange] = []
            _ = chain.normalize(document, joinLines: true, repairs: .all, changes: &recorded)
            changes += recorded.count
        }
        total += perRound
    }
    let seconds = cpuSeconds() - start
    print(String(format: "%@: %d words in %.3f s CPU: %.0f words/s on one core (%d changes)", name, total, seconds,
                 Double(total) / seconds, changes))
}

/// Time of each filter alone over the documents (inputs as the chain would give them).
func perFilter(_ name: String, _ documents: [String]) {
    guard !documents.isEmpty else { return }
    var inputs = documents
    let perRound = documents.reduce(0) { $0 + words($1) }
    let rounds = max(1, 300_000 / max(perRound, 1))
    var line: [String] = []
    for filter in chain.filters(joinLines: true) {
        let start = cpuSeconds()
        var outputs: [String] = []
        for _ in 0 ..< rounds { outputs = inputs.map { filter.apply($0) } }
        let seconds = cpuSeconds() - start
        line.append(String(format: "%@ %.2f µs/word", filter.id, seconds * 1e6 / Double(rounds * perRound)))
        inputs = outputs
    }
    print("  \(name) per filter: " + line.joined(separator: ", "))
}

print("startup (abbreviations, lexicon, word statistics): \(startupTime)")
perFilter("clean", clean)
perFilter("ocr-damaged", damaged)
measure("clean", clean)
measure("ocr-damaged", damaged)

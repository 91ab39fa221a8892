import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ingestion
import PipelineCore
import Reports

/// Results of input files already processed, kept under `<out>/.debattsvar-cache/<år>/` so a
/// rerun only processes the files that changed.
///
/// An entry is found by a key hashed from the file's bytes, its path and year, and a fingerprint
/// of everything else its result depends on: the program and the libraries it runs with, the
/// lexicon resources, the theme files, the classifier and its model, the external tools, the
/// year's question list and the municipality register. Anything that changes any of them gives
/// other keys, so an entry is either exactly what processing the file would give or not found.
/// Entries are written to a temporary file and renamed into place (safe with several threads
/// and runs), checked against their key and a hash of their contents when read (a damaged or
/// foreign file is a miss and is written again), and entries a run did not use are removed at
/// its end. Files that failed are not kept, so they are tried again.
public final class ResultCache: @unchecked Sendable {
    /// The cache folder's name inside the output folder.
    public static let folderName = ".debattsvar-cache"
    static let magic: [UInt8] = Array("DSVR".utf8)
    static let headerSize = 48
    static let entrySuffix = ".dsr"

    /// What the cache did in a run, for `--timings`.
    public struct Statistics: Sendable, Equatable {
        /// Files whose results came from the cache.
        public var hits = 0
        /// Files processed and stored.
        public var stored = 0
        /// Files processed and not stored (failed, or changed while they were read).
        public var notStored = 0
        /// Entries that were there but could not be used (damaged, foreign, another version).
        public var rejected = 0
        /// Entries removed because no file of the run used them.
        public var removed = 0

        public init() {}
    }

    /// The cache folder.
    public let root: URL
    /// Hash of everything but the year's files that results depend on.
    public let fingerprint: ContentHash
    private let lock = NSLock()
    private var used: [Int: Set<String>] = [:]
    private var counts = Statistics()
    private var sequence = 0
    /// Where the time spent looking up and storing entries is added (`mellomlager`).
    var clock: StageClock?

    public init(output: URL, fingerprint: ContentHash) {
        root = output.standardizedFileURL.appendingPathComponent(Self.folderName)
        self.fingerprint = fingerprint
    }

    /// The cache for a run with `options`, or nil when the program's own code cannot be read to
    /// fingerprint it (then nothing is cached). Time spent on the cache goes to `options.clock`.
    public static func open(options: RunOptions, tools: ExternalTools) -> ResultCache? {
        guard let fingerprint = runFingerprint(options: options, tools: tools) else { return nil }
        let cache = ResultCache(output: options.output, fingerprint: fingerprint)
        cache.clock = options.clock
        return cache
    }

    /// The cache as one year's files use it.
    public struct Year: Sendable {
        public let cache: ResultCache
        public let year: Int
        public let fingerprint: ContentHash

        /// `process(file)`, or its stored result.
        public func results(for file: InputFile, process: () -> [ProcessedDocument]) -> [ProcessedDocument] {
            cache.results(for: file, year: year, yearFingerprint: fingerprint, process: process)
        }
    }

    /// The cache for the files of `year`, whose question list and register are given.
    public func year(_ year: Int, questions: URL, register: URL) -> Year {
        Year(cache: self, year: year, fingerprint: yearFingerprint(year: year, questions: questions, register: register))
    }

    public var statistics: Statistics {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// True when `url` lies inside the cache folder: such files are never input.
    public func contains(_ url: URL) -> Bool {
        url.standardizedFileURL.path.hasPrefix(root.path + "/")
    }

    // MARK: Fingerprints

    /// The resources of `NorwegianText` that normalisation and tokenising read.
    static let textResources = ["abbreviations.txt", "lexicon.bin", "domain-words.txt", "wordstats.bin", "compounds.bloom"]

    /// Everything a run's results depend on apart from the year's own files and the input files;
    /// nil when the program cannot be read.
    static func runFingerprint(options: RunOptions, tools: ExternalTools) -> ContentHash? {
        guard let program = programFingerprint else { return nil }
        var builder = ContentHash.Builder()
        builder.add("debattsvar-resultater")
        builder.add(Int(ResultCodec.version))
        builder.add(program)
        for name in textResources {
            builder.add(name)
            builder.add(fileHash((try? ResourceLocator.url(target: "NorwegianText", subpath: name))))
        }
        builder.add("temaer")
        builder.add(folderHash(options.themesFolder ?? (try? ResourceLocator.url(target: "Themes", subpath: "temaer"))))
        builder.add("klassifikator")
        builder.add(options.classifierID)
        builder.add("største fil")
        builder.add(options.maxFileBytes)
        builder.add("modell")
        builder.add(fileHash(options.modelFile ?? (try? ResourceLocator.url(target: "Themes", subpath: "modeller/logistisk.tsv"))))
        for (name, tool) in [("pdftotext", tools.pdftotext), ("unzip", tools.unzip), ("python3", tools.python3)] {
            builder.add(name)
            builder.add(tool.map { $0.resolvingSymlinksInPath().path } ?? "")
            builder.add(tool.map { statFingerprint($0.resolvingSymlinksInPath().path) } ?? 0)
        }
        return builder.hash
    }

    /// The program: the running executable's bytes and the shared libraries it has loaded (path,
    /// size and modification time), once per process.
    static let programFingerprint: ContentHash? = {
        #if os(Linux)
        let executable = "/proc/self/exe"
        #else
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
        guard let data = FileManager.default.contents(atPath: executable) else { return nil }
        var builder = ContentHash.Builder()
        builder.add(ContentHash.of(data))
        #if os(Linux)
        if let maps = readToEnd("/proc/self/maps") {
            var libraries = Set<String>()
            for line in maps.split(separator: "\n") {
                guard let slash = line.firstIndex(of: "/") else { continue }
                let path = String(line[slash...])
                if path.contains(".so") { libraries.insert(path) }
            }
            for path in libraries.sorted() {
                builder.add(path)
                builder.add(statFingerprint(path))
            }
        }
        #endif
        return builder.hash
    }()

    /// Everything `read` gives until the end: `/proc` files report no size, and a read that
    /// trusts the size returns only part of them.
    static func readToEnd(_ path: String) -> String? {
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        let descriptor = Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            bytes += chunk[0 ..< count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Size and modification time of a file, in one number; 0 when it cannot be seen.
    static func statFingerprint(_ path: String) -> Int {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return 0 }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return size &* 1_000_003 &+ Int(modified * 1000)
    }

    /// The hash of a file's bytes, or a fixed value when it cannot be read.
    static func fileHash(_ url: URL?) -> ContentHash {
        guard let url, let data = FileManager.default.contents(atPath: url.path) else { return ContentHash(high: 0, low: 0) }
        return ContentHash.of(data)
    }

    /// Names and contents of the visible files directly in `folder`.
    static func folderHash(_ folder: URL?) -> ContentHash {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return ContentHash(high: 0, low: 0)
        }
        var builder = ContentHash.Builder()
        for name in names.sorted() where !name.hasPrefix(".") {
            builder.add(name)
            builder.add(fileHash(folder.appendingPathComponent(name)))
        }
        return builder.hash
    }

    /// The fingerprint of one year: the run's, the year, its question list and the register.
    public func yearFingerprint(year: Int, questions: URL, register: URL) -> ContentHash {
        var builder = ContentHash.Builder()
        builder.add(fingerprint)
        builder.add(year)
        builder.add(Self.fileHash(questions))
        builder.add(Self.folderHash(register))
        return builder.hash
    }

    // MARK: Entries

    /// The results of `file`: from the cache when an entry for its bytes and `yearFingerprint`
    /// is there, else from `process`, stored for the next run.
    public func results(for file: InputFile, year: Int, yearFingerprint: ContentHash,
                        process: () -> [ProcessedDocument]) -> [ProcessedDocument] {
        let start = DispatchTime.now().uptimeNanoseconds
        func measured() { clock?.add("mellomlager", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        guard let content = Self.contentHash(file.url) else {
            measured()
            return process()
        }
        let key = Self.key(file: file, content: content, yearFingerprint: yearFingerprint)
        let name = key.description + Self.entrySuffix
        let url = root.appendingPathComponent(String(year)).appendingPathComponent(name)
        lock.lock()
        used[year, default: []].insert(name)
        lock.unlock()
        let lookup = Self.load(url, key: key)
        measured()
        switch lookup {
        case let .found(documents):
            count { $0.hits += 1 }
            return documents
        case .unusable:
            count { $0.rejected += 1 }
        case .absent:
            break
        }
        let documents = process()
        let storeStart = DispatchTime.now().uptimeNanoseconds
        defer { clock?.add("mellomlager", Double(DispatchTime.now().uptimeNanoseconds - storeStart) / 1e9) }
        // A file that failed is tried again next time; one that changed while it was read is not
        // kept under the key of bytes it may no longer hold.
        guard !documents.contains(where: { $0.entry.status == .failed }), Self.contentHash(file.url) == content else {
            count { $0.notStored += 1 }
            return documents
        }
        if store(documents, key: key, at: url) { count { $0.stored += 1 } } else { count { $0.notStored += 1 } }
        return documents
    }

    private func count(_ change: (inout Statistics) -> Void) {
        lock.lock()
        change(&counts)
        lock.unlock()
    }

    /// The hash of a regular file's bytes (following a link); nil for pipes, devices, folders
    /// and files that cannot be read, which are left to the reader to describe.
    static func contentHash(_ url: URL) -> ContentHash? {
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return ContentHash.of(data)
    }

    static func key(file: InputFile, content: ContentHash, yearFingerprint: ContentHash) -> ContentHash {
        var builder = ContentHash.Builder()
        builder.add(yearFingerprint)
        // The full path too: a message about a file may name where it lies.
        builder.add(file.url.standardizedFileURL.path)
        builder.add(file.relativePath)
        builder.add(file.year ?? -1)
        builder.add(content)
        return builder.hash
    }

    enum Lookup {
        case found([ProcessedDocument])
        case absent
        case unusable
    }

    static func load(_ url: URL, key: ContentHash) -> Lookup {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .absent }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Lookup in
            guard bytes.count >= headerSize, Array(bytes[0 ..< 4]) == magic else { return .unusable }
            func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            let version = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            let payload = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
            guard version == ResultCodec.version,
                  ContentHash(high: word(8), low: word(16)) == key,
                  word(24) == UInt64(payload.count),
                  ContentHash(high: word(32), low: word(40)) == ContentHash.of(payload),
                  let documents = ResultCodec.decode(payload) else { return .unusable }
            return .found(documents)
        }
    }

    static func entryBytes(_ documents: [ProcessedDocument], key: ContentHash) -> [UInt8] {
        let payload = ResultCodec.encode(documents)
        let payloadHash = ContentHash.of(payload)
        var bytes = magic
        bytes.reserveCapacity(headerSize + payload.count)
        withUnsafeBytes(of: ResultCodec.version.littleEndian) { bytes.append(contentsOf: $0) }
        for word in [key.high, key.low, UInt64(payload.count), payloadHash.high, payloadHash.low] {
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }
        bytes += payload
        return bytes
    }

    /// Writes the entry to a temporary file beside it and renames it into place.
    private func store(_ documents: [ProcessedDocument], key: ContentHash, at url: URL) -> Bool {
        let bytes = Self.entryBytes(documents, key: key)
        lock.lock()
        sequence += 1
        let number = sequence
        lock.unlock()
        // `.<name>.<n>.tmp-<pid>`, the pattern an interrupted run clears away.
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(number).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard (try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil,
              Self.write(bytes, to: temporary.path), rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            return false
        }
        return true
    }

    /// Writes `bytes` with `OutputFile`, without the flush to disk `Data.write` does for every
    /// file: an entry cut short by a crash fails its hash check and is written again.
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        do {
            let file = try OutputFile(URL(fileURLWithPath: path))
            try bytes.withUnsafeBufferPointer { try file.write($0) }
            try file.close()
            return true
        } catch {
            return false
        }
    }

    // MARK: Pruning

    /// Removes entries no file of the run used from the folders of `years`, and, for a run over
    /// all years, the folders of years the corpus no longer has. Only files and folders named as
    /// the cache names them are touched.
    public func prune(years: [Int], allYears: Bool) {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { clock?.add("mellomlager", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        let manager = FileManager.default
        lock.lock()
        let used = self.used
        lock.unlock()
        var removed = 0
        for year in years {
            let folder = root.appendingPathComponent(String(year))
            guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            let keep = used[year] ?? []
            for name in names where Self.isOwnFile(name) && !keep.contains(name) {
                if (try? manager.removeItem(at: folder.appendingPathComponent(name))) != nil { removed += 1 }
            }
        }
        if allYears, let folders = try? manager.contentsOfDirectory(atPath: root.path) {
            for folder in folders where CorpusLayout.year(folder) != nil && !years.contains(CorpusLayout.year(folder)!) {
                let url = root.appendingPathComponent(folder)
                let names = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
                for name in names where Self.isOwnFile(name) {
                    if (try? manager.removeItem(at: url.appendingPathComponent(name))) != nil { removed += 1 }
                }
                _ = rmdir(url.path) // only when empty
            }
        }
        count { $0.removed += removed }
    }

    /// An entry (`<32 hex digits>.dsr`) or a temporary file left by a run that stopped.
    static func isOwnFile(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        if utf8.count == 32 + entrySuffix.utf8.count, name.hasSuffix(entrySuffix) {
            return utf8.prefix(32).allSatisfy { (0x30 ... 0x39).contains($0) || (0x61 ... 0x66).contains($0) }
        }
        return name.hasPrefix(".") && name.contains(entrySuffix + ".") && name.contains(".tmp-")
    }
}

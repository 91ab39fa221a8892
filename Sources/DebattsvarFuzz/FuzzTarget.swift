import Foundation
import Pipeline

/// The checks every input goes through: decode → normalise → tokenise → segment → classify.
let probe: RobustnessProbe = {
    do { return try RobustnessProbe.standard() } catch { fatalError("debattsvar-fuzz: \(error)") }
}()

#if FUZZING
/// libFuzzer's entry point: built by `make fuzz` with `-sanitize=fuzzer,address`.
@_cdecl("LLVMFuzzerTestOneInput")
public func debattsvarFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    probe.check(Data(bytes: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// The package manager links an executable's entry point under this name; hand over to
/// libFuzzer's driver.
@_cdecl("DebattsvarFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, debattsvarFuzzOneInput)
}
#else
/// Without the fuzzer: replays files (crash reproducers, seed inputs) through the same checks.
@main
struct Replay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("Bruk: debattsvar-fuzz FIL…  (kjører filene gjennom alle stegene og kontrollene)\n".utf8))
            exit(64)
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): kan ikke lese fila\n".utf8))
                exit(1)
            }
            probe.check(data)
            print("\(path): ok")
        }
    }
}
#endif

import Foundation
import Pipeline
import Themes

/// Runs the command named by the first argument and returns the exit code.
func main(_ arguments: [String]) -> Int32 {
    guard let name = arguments.first, !["--help", "-h", "help"].contains(name) else {
        print(overview)
        return arguments.isEmpty ? ExitCode.usage : ExitCode.success
    }
    guard let command = commands.first(where: { $0.name == name }) else {
        printError("debattsvar: ukjent kommando «\(name)»\n\n" + overview)
        return ExitCode.usage
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
        print(command.help)
        return ExitCode.success
    }
    do {
        return try command.run(rest)
    } catch let error as UsageError {
        printError("debattsvar \(name): \(error.description)\nSe «debattsvar \(name) --help».")
        return ExitCode.usage
    } catch {
        printError("debattsvar \(name): \(error)")
        return ExitCode.someFailed
    }
}

// Past a file size limit (`ulimit -f`) a write then fails with EFBIG and is reported, instead
// of the signal ending the program with a half-written temporary file.
signal(SIGXFSZ, SIG_IGN)
exit(main(Array(CommandLine.arguments.dropFirst())))

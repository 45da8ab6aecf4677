import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The entry point, mapping usage errors to exit status 2. Every command documents 0 ok,
/// 1 a failed expectation (play, check), 2 bad usage or bad input. ArgumentParser exits with 64
/// (EX_USAGE) on a usage error (an unknown option, a missing argument, a value its type
/// refuses, a `validate()` failure); this entry point prints the same message and exits with 2
/// instead. Everything else (help, version, the commands' own exit codes) is unchanged.
///
/// Whatever a command printed is flushed before the process ends: a write error on standard
/// output (`play --json > /dev/full`) is reported and exits 2; a reader that went away (a
/// closed pipe) ends the output quietly with the command's own status.
extension AllocVizCommand {
    static func main() {
        do {
            var command = try parseAsRoot()
            do {
                try command.run()
            } catch {
                finishStandardOutput()
                throw error
            }
            finishStandardOutput()
        } catch {
            if exitCode(for: error) == .validationFailure {
                var err = StandardError()
                print(fullMessage(for: error), to: &err)
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }

    /// Flushes standard output; on a write error says so and exits with status 2.
    static func finishStandardOutput() {
        guard case .failed(let reason) = StandardOutput.flush() else { return }
        var err = StandardError()
        print("allocviz: cannot write to standard output: \(reason)", to: &err)
        Glibc.exit(2)
    }
}

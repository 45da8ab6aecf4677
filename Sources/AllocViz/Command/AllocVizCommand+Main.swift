import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The entry point, mapping usage errors to exit status 2. Every command documents 0 ok,
/// 1 a failed expectation (play, check), 2 bad usage or bad input. ArgumentParser exits with 64
/// (EX_USAGE) on a usage error (an unknown option, a missing argument, a value its type
/// refuses, a `validate()` failure); this entry point prints the same message and exits with 2
/// instead. Everything else (help, version, the commands' own exit codes) is unchanged.
extension AllocVizCommand {
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                var err = StandardError()
                print(fullMessage(for: error), to: &err)
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}

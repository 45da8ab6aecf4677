import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The exit statuses `play` and `check` document (design.md): 0 ok, 1 a failed expectation,
/// 2 bad usage or bad input. ArgumentParser exits with 64 (EX_USAGE) on a usage error such as
/// an unknown option or a missing argument; this entry point reports the same message and exits
/// with 2 instead. Everything else (help, version, the commands' own exit codes) is unchanged.
///
/// (If the root command gets its own `main()`, fold this mapping into it and delete this file.)
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

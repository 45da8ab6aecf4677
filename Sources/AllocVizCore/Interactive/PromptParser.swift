/// Parses what the user typed at a prompt into a session command or a seek.
///
/// The operation prompts read script statements: what is typed is the rest of an `alloc`,
/// `free` or `realloc` line and goes through ``ScriptParser/parseStatement(_:)``, so sizes,
/// names, options and error messages are the script's. The allocate prompt also takes the
/// size first (`3000`, `3000 A`, `12KiB B align=64`); without a name the next automatic
/// handle is used.
enum PromptParser {
    /// What a prompt asks for.
    enum Outcome: Equatable {
        case command(SessionCommand)
        case seek(Int)
    }

    static func parse(_ prompt: Prompt, nextAutomaticName: String) -> Result<Outcome, SessionError> {
        var words = prompt.text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let line: String
        switch prompt.kind {
        case .allocate:
            guard let first = words.first else { return .failure(SessionError("type a size, e.g. 3000, 4KiB or 0x1000, then Enter")) }
            let looksLikeSize = first.first.map { $0.isNumber || "-+.".contains($0) } ?? false
            if !looksLikeSize && words.count == 1 {
                return .failure(SessionError("'\(first)' is not a size: type SIZE [NAME], e.g. 3000 A, 4KiB or 0x1000"))
            }
            if looksLikeSize {
                // SIZE [NAME] [align=N]: the script writes the name first.
                let size = words.removeFirst()
                let name = words.first.flatMap { $0.hasPrefix("align") ? nil : $0 }
                if name != nil { words.removeFirst() }
                words = [name ?? nextAutomaticName, size] + words
            }
            line = "alloc " + words.joined(separator: " ")
        case .free:
            guard !words.isEmpty else { return .failure(SessionError("type a handle name, then Enter")) }
            line = "free " + words.joined(separator: " ")
        case .reallocate:
            guard !words.isEmpty else { return .failure(SessionError("type a handle name and a new size, then Enter")) }
            line = "realloc " + words.joined(separator: " ")
        case .seek:
            guard words.count == 1, let step = Int(words[0]), step >= 0 else {
                return .failure(SessionError("type a step number (0 is the start), then Enter"))
            }
            return .success(.seek(step))
        }
        switch ScriptParser.parseStatement(line) {
        case .success(.alloc(let handle, let size, let alignment)):
            return .success(.command(.allocate(handle: handle, size: size, alignment: alignment)))
        case .success(.free(let handle, let again)):
            return .success(.command(.free(handle: handle, again: again)))
        case .success(.realloc(let handle, let size)):
            return .success(.command(.reallocate(handle: handle, size: size)))
        case .success:
            return .failure(SessionError("not an operation"))
        case .failure(let error):
            return .failure(error)
        }
    }
}

/// Parses what the user typed at a prompt into a session command or a seek.
enum PromptParser {
    /// What a prompt asks for.
    enum Outcome: Equatable {
        case command(SessionCommand)
        case seek(Int)
    }

    static func parse(_ prompt: Prompt, nextAutomaticName: String) -> Result<Outcome, SessionError> {
        let words = prompt.text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        do {
            switch prompt.kind {
            case .allocate:
                // SIZE [NAME] [align=N], in any order after the size.
                guard let first = words.first else { throw SessionError("type a size, e.g. 3000, 4KiB or 0x1000") }
                let size = try parseSize(first)
                var name: String?
                var alignment: Int?
                for word in words.dropFirst() {
                    if word.hasPrefix("align=") {
                        alignment = try parseSize(String(word.dropFirst(6)))
                    } else if name == nil {
                        guard ScriptParser.isHandle(word) else {
                            throw SessionError("'\(word)' is not a handle name (letters, digits, '_' and '-', starting with a letter)")
                        }
                        name = word
                    } else {
                        throw SessionError("unexpected '\(word)'")
                    }
                }
                return .success(.command(.allocate(handle: name ?? nextAutomaticName, size: size, alignment: alignment)))
            case .free:
                guard words.count == 1 else { throw SessionError("type one handle name") }
                return .success(.command(.free(handle: words[0])))
            case .reallocate:
                guard words.count == 2 else { throw SessionError("type a handle name and a new size") }
                return .success(.command(.reallocate(handle: words[0], size: try parseSize(words[1]))))
            case .seek:
                guard words.count == 1, let step = Int(words[0]), step >= 0 else { throw SessionError("type a step number") }
                return .success(.seek(step))
            }
        } catch let error as SessionError {
            return .failure(error)
        } catch {
            return .failure(SessionError("\(error)"))
        }
    }

    private static func parseSize(_ text: String) throws -> Int {
        switch SizeLiteral.parse(text) {
        case .success(let size): return size
        case .failure(let error): throw SessionError("\(error)")
        }
    }
}

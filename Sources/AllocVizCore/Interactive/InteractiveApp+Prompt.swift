/// The one-line prompt: typing, submitting through the script grammar, errors that keep it open.
extension InteractiveApp {
    func handlePromptKey(_ key: KeyInput) -> Bool {
        guard var current = prompt else { return false }
        switch key {
        case .escape, .control("c"), .control("g"):
            prompt = nil
            message = "cancelled"
        case .enter:
            // On an error the prompt stays open with its text and the error beside it, so
            // the next Enter retries the corrected text and never reaches another action.
            if let error = submit(current) {
                current.error = error
                prompt = current
            } else {
                prompt = nil
            }
        case .backspace, .delete:
            if !current.text.isEmpty { current.text.removeLast() }
            prompt = current
        case .character(let character):
            if current.text.count < 120 { current.text.append(character) }
            prompt = current
        default:
            return false
        }
        return true
    }

    /// Performs what the prompt asks for; returns why it was refused (nothing changed), if it was.
    func submit(_ prompt: Prompt) -> String? {
        switch PromptParser.parse(prompt, nextAutomaticName: session.state.handles.nextAutomaticName) {
        case .success(.command(let command)):
            // At the free prompt a hint names what to type there (`C again`), not a script line.
            if prompt.kind == .free, let violation = session.state.handles.violation(of: command) {
                return violation.message(wording: .freePrompt)
            }
            do throws(SessionError) {
                try session.validate(command)
            } catch {
                return error.description
            }
            perform(command)
        case .success(.seek(let step)): seek(to: step)
        case .failure(let error): return error.description
        }
        return nil
    }
}

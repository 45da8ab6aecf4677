/// The compact form of the `--json` step stream (`play --headless --json-compact`): a full step
/// object (``JSONSessionStep``) at step 0 and every ``keyframeInterval`` steps, and between them
/// change objects that hold only what differs from the previous step. Documented in
/// docs/json-format.md; applying the changes in order to the last full object gives, at every
/// step, exactly the full object of the default form.
///
/// A change object has the full object's top-level members (`format` is
/// ``changeFormatVersion``). Each lane keeps `name`, `outcome`, `events` and `metrics` (they
/// describe the step); any other lane member appears only when it changed: `handles` as
/// `{"set":{NAME:handle},"removed":[NAME]}`, `buddy` and `heap` as objects of their changed
/// members, where the lists keyed by offset (`blocks`, `freeBlocks`, `chunks`, all in address
/// order) become `{"set":[entry],"removed":[offset]}`, and anything else (`freeCounts`, `bins`,
/// `blocklessHandles`, ...) is given whole.
public struct JSONStepChanges {
    /// The `format` of a change object.
    public static let changeFormatVersion = "allocviz-change/2"
    /// The default number of steps between two full objects.
    public static let defaultKeyframeInterval = 100

    /// Steps between two full objects (at least 1).
    public let keyframeInterval: Int
    /// The previous step's full object.
    private var previous: JSONValue?
    /// Steps written since the last full object.
    private var sinceKeyframe = 0

    /// A stream with a full object every `keyframeInterval` steps.
    public init(keyframeInterval: Int = defaultKeyframeInterval) {
        self.keyframeInterval = max(1, keyframeInterval)
    }

    /// The line to print for the step whose full object is `full`: `full` itself at a
    /// keyframe, otherwise the change object from the previous step.
    public mutating func line(for full: JSONValue) -> String {
        defer { previous = full }
        guard let previous, sinceKeyframe + 1 < keyframeInterval else {
            sinceKeyframe = 0
            return full.text
        }
        sinceKeyframe += 1
        return Self.change(from: previous, to: full).text
    }

    /// The change object that turns the full object `old` into the full object `new`.
    public static func change(from old: JSONValue, to new: JSONValue) -> JSONValue {
        guard case .object(let members) = new else { return new }
        return .object(members.map { key, value in
            switch key {
            case "format": return (key, .string(changeFormatVersion))
            case "lanes":
                guard case .array(let lanes) = value, case .array(let oldLanes)? = old["lanes"], oldLanes.count == lanes.count else {
                    return (key, value)
                }
                return (key, .array(zip(oldLanes, lanes).map { laneChange(from: $0, to: $1) }))
            default: return (key, value)
            }
        })
    }

    /// Lane members always present in a change object.
    static let stepMembers: Set<String> = ["name", "outcome", "events", "metrics"]

    static func laneChange(from old: JSONValue, to new: JSONValue) -> JSONValue {
        guard case .object(let members) = new else { return new }
        var result: [(String, JSONValue)] = []
        for (key, value) in members {
            if stepMembers.contains(key) {
                result.append((key, value))
                continue
            }
            guard let before = old[key] else {
                result.append((key, value))
                continue
            }
            if before == value { continue }
            switch key {
            case "handles": result.append((key, namedChange(from: before, to: value)))
            case "buddy", "heap": result.append((key, structureChange(from: before, to: value)))
            default: result.append((key, value))
            }
        }
        return .object(result)
    }

    /// The changed members of a lane's `buddy` or `heap` object.
    static func structureChange(from old: JSONValue, to new: JSONValue) -> JSONValue {
        guard case .object(let members) = new else { return new }
        var result: [(String, JSONValue)] = []
        for (key, value) in members {
            guard let before = old[key] else {
                result.append((key, value))
                continue
            }
            if before == value { continue }
            switch key {
            case "blocks", "freeBlocks", "chunks": result.append((key, keyedChange(from: before, to: value, key: "offset")))
            default: result.append((key, value))
            }
        }
        return .object(result)
    }

    /// `{"set":[entry],"removed":[key]}` between two arrays of objects identified by `key`;
    /// `set` keeps the new array's order, `removed` the old one's.
    static func keyedChange(from old: JSONValue, to new: JSONValue, key: String) -> JSONValue {
        guard case .array(let oldEntries) = old, case .array(let newEntries) = new else { return new }
        var oldByKey: [String: JSONValue] = [:]
        for entry in oldEntries { if let id = entry[key] { oldByKey[id.text] = entry } }
        var newKeys = Set<String>()
        var set: [JSONValue] = []
        for entry in newEntries {
            guard let id = entry[key] else { continue }
            newKeys.insert(id.text)
            if oldByKey[id.text] != entry { set.append(entry) }
        }
        let removed = oldEntries.compactMap { entry -> JSONValue? in
            guard let id = entry[key], !newKeys.contains(id.text) else { return nil }
            return id
        }
        return .object([("set", .array(set)), ("removed", .array(removed))])
    }

    /// `{"set":{NAME:value},"removed":[NAME]}` between two objects (handles by name).
    static func namedChange(from old: JSONValue, to new: JSONValue) -> JSONValue {
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else { return new }
        var oldByName: [String: JSONValue] = [:]
        for (name, value) in oldMembers { oldByName[name] = value }
        let newNames = Set(newMembers.map(\.0))
        let set = newMembers.filter { oldByName[$0.0] != $0.1 }
        let removed = oldMembers.filter { !newNames.contains($0.0) }.map { JSONValue.string($0.0) }
        return .object([("set", .object(set)), ("removed", .array(removed))])
    }
}

extension JSONValue {
    /// The member `key` of an object (the first one with that key), nil for anything else.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}

/// Writes a session back as a script that replays to the identical state.
///
/// The header names every lane explicitly (size, `min=`, `name=`, `impl=`), then one line per
/// applied step. Random steps are written either as their concrete operations (`alloc @7 912`,
/// `free @3`) or, with ``Style/randomLines``, as the original `random` line when the whole
/// batch is in the recorded range; both replay to the identical state because automatic
/// handles and the random pool evolve the same way either way. A free of a handle that was no
/// longer live is written `free A again`.
public enum Recorder {
    /// How random steps are written.
    public enum Style: Sendable {
        /// Every step as its concrete operation.
        case concrete
        /// Whole random batches as their `random` line.
        case randomLines
    }

    /// The script for the applied steps of `session`.
    public static func script(for session: Session, style: Style = .concrete, comment: String? = "recorded by allocviz") -> String {
        var lines: [String] = []
        if let comment { lines.append("# \(comment)") }
        if let title = session.title { lines.append("title \(QuotedText.quote(title))") }
        lines += session.configurations.map(header)
        let records = session.appliedSteps
        var index = records.startIndex
        while index < records.endIndex {
            let record = records[index]
            if style == .randomLines, case .random(let batch, let workload, let count, 0, _) = record.origin,
               index + count <= records.endIndex,
               case .random(batch, _, _, count - 1, _) = records[index + count - 1].origin {
                lines.append(randomLine(count: count, workload: workload))
                index += count
                continue
            }
            lines.append(record.command.description)
            index += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The header line of a lane.
    public static func header(_ configuration: LaneConfiguration) -> String {
        var line = "\(configuration.kind.rawValue) \(SizeLiteral.format(configuration.capacity))"
        if let shape = configuration.buddyShape { line += " min=\(SizeLiteral.format(shape.minimumBlockSize))" }
        return line + " name=\(configuration.name) impl=\(configuration.implementationName)"
    }

    /// A `random` line for a workload.
    public static func randomLine(count: Int, workload: RandomWorkload) -> String {
        var line = "random \(count) seed=\(workload.seed) sizes=\(SizeLiteral.format(workload.sizes.lowerBound))..\(SizeLiteral.format(workload.sizes.upperBound))"
        line += " free=\(workload.freePercent)%"
        if workload.reallocPercent > 0 { line += " realloc=\(workload.reallocPercent)%" }
        if let alignments = workload.alignments { line += " align=\(alignments.lowerBound)..\(alignments.upperBound)" }
        return line
    }
}

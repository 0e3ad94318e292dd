import GazetteModel

/// Whether a text holds an official document at all. A 公文 shows itself by at least one of the
/// elements GB/T 9704-2012 gives it: a 发文字号, a title ending in a 文种 word, an issuing organ,
/// a 成文日期, or numbered clauses. An ordinary sentence, a list, a page of prose shows none.
public enum Recognition {
    /// The elements of a 公文 the reader found in the document (empty: it is not one).
    public static func evidence(of document: OfficialDocument) -> [String] {
        var found: [String] = []
        if document.number != nil { found.append("文号") }
        if DocumentHead.endsLikeTitle(document.title) { found.append("title") }
        if document.issuer != nil { found.append("issuer") }
        if document.date != nil { found.append("date") }
        if hasNumberedClause(document.body) || !document.attachments.isEmpty { found.append("clauses") }
        return found
    }

    /// Refuses a text in which no document shows any element of a 公文: what was looked for, and
    /// that the reader went through every line of it.
    public static func check(_ issue: GazetteIssue, text: String, file: String, lineCount: Int) throws {
        guard !issue.documents.isEmpty, issue.documents.allSatisfy({ evidence(of: $0).isEmpty }) else { return }
        // The reader may miss the structure of a text a copy mangled, but not its words: a 文号 or
        // a title (`关于…的通知`) anywhere in it is a 公文's.
        let key = Normalize.key(text)
        if !DocumentNumber.all(in: key).isEmpty { return }
        if let about = key.range(of: "关于"), DocumentHead.kindWords.contains(where: { key[about.upperBound...].prefix(80).contains($0) }) { return }
        if key.contains("第一条") || key.contains("第一章") { return }
        // A text that assigns tasks to units (a 督办 table `序号 | 主要任务 | 牵头单位 | …`, clauses
        // ending in their units) is one, though it prints no head.
        if issue.documents.contains(where: { !$0.readTasks().isEmpty }) { return }
        throw InputError(file: file, line: 1, column: 1, message: """
            no official document found: read all \(lineCount) line\(lineCount == 1 ? "" : "s") and found no 文号 \
            (…〔2020〕12号), no title ending in a kind of 公文 (通知, 决定, 意见, 方案 …), no issuing organ, \
            no date, no numbered clauses and no tasks assigned to units; `zhoucun import --force` imports it anyway, marked unrecognised
            """)
    }

    static func hasNumberedClause(_ sections: [Section]) -> Bool {
        sections.contains { $0.number != nil || hasNumberedClause($0.children) }
    }
}

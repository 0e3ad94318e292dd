import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import ModuleSpine

/// A seat as a row of a roster table, with links to the person and the unit.
struct SeatRow {
    var name: String
    var personHref: String
    var role: String
    var unit: String
    var unitHref: String?
    var titles: String
    var body: String
    var bodyHref: String
    var from: String
    var until: String
    var citation: CitationLink
    var byHand: Bool

    init(_ post: Post, bodyId: Int64? = nil) {
        name = post.name
        personHref = "/people/\(post.personId)"
        role = post.role
        unit = post.unit ?? ""
        unitHref = post.unit.map { "/units/" + Web.pathComponent($0) }
        titles = post.titles.joined(separator: "、")
        body = post.body
        bodyHref = "/bodies/" + (bodyId.map(String.init) ?? Web.pathComponent(post.body))
        from = Chinese.date(post.startDate)
        until = Chinese.date(post.endDate)
        citation = CitationLink(post.citation)
        byHand = post.source == "clerk"
    }
}

/// Seats for the `seats` template.
struct SeatTable {
    var seats: [SeatRow]
    init(_ posts: [Post], bodyId: Int64? = nil) { seats = posts.map { SeatRow($0, bodyId: bodyId) } }
}

/// A body as a row: its link, founding document, members and office.
struct BodyRow {
    var href: String
    var name: String
    var kind: String
    var members: Int
    var office: String?
    var director: String?
    var citation: CitationLink?
    var ended: String?

    init(_ body: BodySummary) {
        href = "/bodies/\(body.id)"
        name = body.name
        kind = body.kind
        members = body.members
        office = body.officeUnit
        director = body.officeDirector
        citation = body.citation.map(CitationLink.init)
        ended = body.endDate.map { "撤销，最后一日 \(Chinese.date($0))" }
    }
}

extension OfficeSite {
    /// 机构与人员: the bodies in force on a chosen date with their member counts.
    @Sendable func bodies(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let day = try self.day(request)
        let bodies = try await database.writer.read { try RosterQueries.bodies(on: day.description, in: $0) }
        struct View { var on: String; var onText: String; var bodies: [BodyRow]; var count: Int }
        return Page(title: "机构与人员", template: "bodies",
                    view: View(on: day.description, onText: Chinese.date(day.description), bodies: bodies.map(BodyRow.init), count: bodies.count), json: bodies,
                    tools: RosterActions.actions.map { Page.Tool(title: $0.title, href: RosterActions.group.href($0), role: RosterActions.group.role) })
    }

    /// A body: its roster on a day, office and director, who joined and left (with citations),
    /// and with `from` and `to`, what changed between two dates.
    @Sendable func body(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let reference = try Web.parameter("reference", context)
        let day = try self.day(request)
        let from = try Web.query("from", request).map { _ in try self.day(request, "from") }
        let to = try Web.query("to", request).map { _ in try self.day(request, "to") }
        let found = try await database.writer.read { db -> (BodyRoster, [Post], [RosterChange])? in
            let summary: BodySummary
            do { summary = try RosterQueries.body(reference, in: db) } catch let error as QueryError where error.description.hasPrefix("no body") { return nil }
            let roster = try RosterQueries.seats(of: String(summary.id), on: day.description, in: db)
            let history = try RosterQueries.members(ofBodyId: summary.id, on: nil, in: db)
            let diff = try from.flatMap { from in try to.map { try RosterQueries.diff(bodyId: summary.id, from: from.description, to: $0.description, in: db) } } ?? []
            return (roster, history, diff)
        }
        guard let (roster, history, diff) = found else { throw WebError.notFound("没有名为「\(reference)」的机构。", search: reference) }
        struct Change { var change: String; var name: String; var before: String?; var after: String? }
        struct Event { var date: String; var name: String; var personHref: String; var what: String; var citation: CitationLink }
        struct View {
            var body: BodyRow
            var formerNames: String?
            var seatsByPosition: String?
            var on: String
            var onText: String
            var roster: SeatTable
            var note: String?
            var timeline: [Event]
            var from: String
            var to: String
            var changes: [Change]
            var comparing: Bool
        }
        // Who joined and who left, in order of date.
        let timeline = history.flatMap { post -> [(String, Event)] in
            let joined = post.startDate.map { ($0, Event(date: Chinese.date($0), name: post.name, personHref: "/people/\(post.personId)", what: "任\(post.role)", citation: CitationLink(post.citation))) }
            let left = post.endDate.map { ($0, Event(date: Chinese.date($0), name: post.name, personHref: "/people/\(post.personId)", what: "不再任\(post.role)（最后一日）", citation: CitationLink(post.citation))) }
            return [joined, left].compactMap { $0 }
        }.sorted { $0.0 < $1.0 }.map(\.1)
        let words = ["joined": "加入", "left": "离开", "changed": "职务或单位变化"]
        let view = View(
            body: BodyRow(roster.body), formerNames: roster.body.formerNames.joined(separator: "、").nonEmpty, seatsByPosition: roster.body.seatsByPosition,
            on: day.description, onText: Chinese.date(day.description), roster: SeatTable(roster.members, bodyId: roster.body.id), note: roster.note,
            timeline: timeline, from: from?.description ?? "", to: to?.description ?? "",
            changes: diff.map { change in
                Change(change: words[change.change] ?? change.change, name: change.name,
                       before: change.before.map { "\($0.role) \($0.unit ?? "")" }, after: change.after.map { "\($0.role) \($0.unit ?? "")" })
            },
            comparing: from != nil && to != nil
        )
        struct JSON: Encodable { var roster: BodyRoster; var history: [Post]; var diff: [RosterChange] }
        return Page(title: roster.body.name, template: "body", view: view, json: JSON(roster: roster, history: history, diff: diff),
                    tools: [RosterActions.tool("change", "body=\(roster.body.id)")])
    }

    /// A person: posts now, and every post there was (by name or by the person's id).
    @Sendable func person(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let reference = try Web.parameter("name", context)
        let day = try self.day(request)
        let (name, now, history, flags) = try await database.writer.read { db -> (String, [Post], [Post], [PersonFlag]) in
            let name = try PersonRecords.records(reference, in: db).first?.name ?? Normalize.personName(reference)
            let history = try RosterQueries.posts(ofPerson: name, on: nil, in: db)
            let id = Int64(reference)
            let mine = history.filter { id == nil || $0.personId == id }
            return (name, try RosterQueries.posts(ofPerson: name, on: day.description, in: db).filter { id == nil || $0.personId == id }, mine,
                    try RosterQueries.flags(ofPerson: name, in: db))
        }
        guard !history.isEmpty else { throw WebError.notFound("没有名为「\(reference)」的人员在已导入文件的机构中任职。", search: reference) }
        struct View { var name: String; var onText: String; var now: SeatTable; var history: SeatTable; var flags: [String] }
        struct JSON: Encodable { var name: String; var posts: [Post]; var history: [Post]; var flags: [PersonFlag] }
        return Page(title: name, template: "person",
                    view: View(name: name, onText: Chinese.date(day.description), now: SeatTable(now), history: SeatTable(history), flags: flags.map(\.reason)),
                    json: JSON(name: name, posts: now, history: history, flags: flags),
                    tools: [RosterActions.tool("merge", "keep=\(Web.queryValue(name))&other=\(Web.queryValue(name))"),
                            RosterActions.tool("split", "person=\(Web.queryValue(reference))")])
    }

    /// A unit: its seats, duties, tasks and matters in every body.
    @Sendable func unit(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let name = try Web.parameter("name", context)
        let day = try self.day(request)
        let report = try await database.writer.read { db -> UnitReport? in
            guard try RosterQueries.unitId(name, in: db) != nil else { return nil }
            return try RosterQueries.unit(name, on: day.description, in: db)
        }
        guard let report else { throw WebError.notFound("没有名为「\(name)」的单位。", search: name) }
        // 督办: the tasks naming the unit that are not done, with their lights.
        let supervision = try await supervision()
        let open = try await database.writer.read { db in
            try supervision.lines(try TaskRecords.tasks(TaskRecords.Filter(unit: report.name), in: db), on: day)
        }
        struct Duty { var body: String; var duty: String; var citation: CitationLink }
        struct Assignment { var kind: String; var document: String; var title: String; var citation: CitationLink }
        struct OpenTask { var href: String; var text: String; var status: String; var light: String; var due: String?; var role: String }
        struct View {
            var name: String; var otherNames: String?; var seatTable: SeatTable; var duties: [Duty]; var assignments: [Assignment]
            var openTasks: [OpenTask]; var tasksHref: String
        }
        let view = View(
            name: report.name, otherNames: report.otherNames.joined(separator: "、").nonEmpty, seatTable: SeatTable(report.seats),
            duties: report.duties.map { Duty(body: $0.body, duty: $0.duty, citation: CitationLink($0.citation)) },
            assignments: report.assignments.map { Assignment(kind: $0.kind == "task" ? "任务" : "联动事项", document: $0.document, title: $0.title, citation: CitationLink($0.citation)) },
            openTasks: open.map { line in
                OpenTask(href: "/tasks/\(line.id)", text: line.text, status: line.status, light: line.light.rawValue,
                         due: (line.nextDue ?? line.due).map { Chinese.date($0.description) }, role: line.lead.contains(report.name) ? "牵头" : "责任")
            },
            tasksHref: "/tasks?unit=" + Web.queryValue(report.name) + "&all=1"
        )
        return Page(title: report.name, template: "unit", view: view, json: report, tools: [RosterActions.tool("alias", "full=\(Web.queryValue(report.name))")])
    }

    /// The people who sit on several bodies.
    @Sendable func shared(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let day = try self.day(request)
        let people = try await database.writer.read { try RosterQueries.shared(minimum: 2, on: day.description, in: $0) }
        struct Person { var name: String; var href: String; var count: Int; var bodies: String }
        struct View { var onText: String; var people: [Person]; var count: Int; var graphHref: String }
        let view = View(onText: Chinese.date(day.description),
                        people: people.map { Person(name: $0.name, href: "/people/\($0.personId)", count: $0.bodies.count, bodies: $0.bodies.joined(separator: "、")) },
                        count: people.count, graphHref: "/shared/graph.svg?on=\(day)")
        return Page(title: "跨机构任职人员", template: "shared", view: view, json: people)
    }

    /// The same people and their bodies drawn as SVG (`SharedGraph`); opened on its own, each name
    /// links to its page. It runs no script: the policy allows none.
    @Sendable func sharedGraph(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let day = try self.day(request)
        let people = try await database.writer.read { try RosterQueries.shared(minimum: 2, on: day.description, in: $0) }
        return Response(status: .ok, headers: [
            .contentType: "image/svg+xml; charset=utf-8",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'", .xContentTypeOptions: "nosniff",
        ], body: .init(byteBuffer: ByteBuffer(string: SharedGraph.svg(people, on: Chinese.date(day.description)))))
    }
}

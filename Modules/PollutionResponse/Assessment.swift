import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// Who signs an alert (四(二)): names from the roster in force that day, never from code.
public struct Signer: Codable, Sendable, Equatable {
    public var role: String
    public var name: String?
    /// Orange and yellow: signed after a deputy commander agrees.
    public var afterAgreementOf: [String]?
    public var citation: String
}

/// One measure of the plan (五(三)4), as printed.
public struct Measure: Codable, Sendable, Equatable {
    /// The response level it belongs to (measures add up: Ⅱ includes Ⅲ's).
    public var level: String
    /// `public` (公众/健康防护), `advisory` (倡议性), `mandatory` (强制性).
    public var kind: String
    public var heading: String
    public var text: String
    public var citation: String
}

/// 五(三)4 目标: the reduction targets of a response level.
public struct Targets: Codable, Sendable, Equatable {
    /// SO2, NOx, PM and VOCs each at least this percentage.
    public var eachPercent: Decimal
    /// SO2 and NOx together at least this.
    public var so2PlusNoxPercent: Decimal
    /// Coal-fired units: SO2 + NOx daily emissions down by this.
    public var coalPowerDailyPercent: Decimal
    public var citation: String
    public var coalPowerCitation: String
}

/// What `zhoucun pollution assess` answers.
public struct Assessment: Codable, Sendable {
    public var alert: AlertLevel
    public var response: String?
    /// The plan applied: its 文号 and the day it took effect.
    public var plan: String
    public var episode: Episode?
    public var reasons: [Reason]
    public var signer: Signer?
    public var measures: [Measure]
    public var targets: Targets?
    public var deadlines: [Deadline]
    public var notes: [String]
}

/// Puts the rules together for a forecast.
public struct Assessor: Sendable {
    let parameters: ParameterTable
    let calendar: WorkingDayCalendar

    public init(parameters: ParameterTable, calendar: WorkingDayCalendar) {
        self.parameters = parameters
        self.calendar = calendar
    }

    public func assess(_ forecast: Forecast, regional: LocalDateTime?, database: GazetteDatabase?) throws -> Assessment {
        let day = forecast.firstDate
        let rules = try AlertRules(parameters: parameters, on: day)
        let (alert, episode, reasons) = rules.assess(forecast)
        var notes: [String] = []
        let plan = try database?.writer.read { try PlanDocument.find(on: day, in: $0) }
        if plan == nil, let withdrawn = try database?.writer.read({
            try DocumentQueries.recognised(by: PollutionResponseModule.id, among: .withdrawn, in: $0)
        }).last {
            // A plan taken out of force answers nothing: its numbers are not applied either.
            throw QueryError("""
                no heavy-pollution plan is in force on \(day): \(withdrawn.number ?? withdrawn.title) was withdrawn at \
                \(withdrawn.withdrawnAt ?? "?") (\(withdrawn.withdrawnReason ?? "")); `zhoucun docs restore` brings it back
                """)
        }
        if let choice = plan?.choice { notes.append(choice) }
        if plan == nil {
            notes.append("周政办字〔2020〕39号 is not imported into this database: the signer's name and the measures' text come from it; import the gazette issue to see them")
        }
        var assessment = Assessment(
            alert: alert, response: alert.response, plan: plan?.number ?? PlanDocument.number, episode: episode, reasons: reasons,
            signer: nil, measures: [], targets: nil, deadlines: [], notes: notes
        )
        let deadlines = ResponseDeadlines(parameters: parameters, calendar: calendar)
        if let regional { assessment.deadlines.append(try deadlines.regionalIssue(regional)) }
        guard let response = alert.response else { return assessment }
        assessment.targets = try targets(response, on: day)
        if let plan {
            assessment.signer = try database!.writer.read { try Self.signer(alert, plan: plan, on: day, in: $0) }
            assessment.measures = Self.measures(upTo: response, in: plan.document)
        }
        let (summaryDays, summarySource) = try parameters.decimal("report.summary.within", on: day)
        assessment.deadlines.append(Deadline(kind: "daily-report", what: "each town and member unit reports progress to the command office every day of the alert",
                                             due: "daily", citation: try parameters.decimal("report.progress.every", on: day).source))
        assessment.deadlines.append(Deadline(kind: "summary", what: "summary within \(summaryDays) working days of the end of the response; `zhoucun pollution deadlines` dates it",
                                             due: "after lifting", citation: summarySource))
        return assessment
    }

    func targets(_ response: String, on day: CivilDate) throws -> Targets {
        let each = try parameters.decimal("reduction.\(response).each", on: day)
        let pair = try parameters.decimal("reduction.\(response).so2-nox", on: day)
        let coal = try parameters.decimal("reduction.coal-power.daily", on: day)
        return Targets(eachPercent: each.value, so2PlusNoxPercent: pair.value, coalPowerDailyPercent: coal.value,
                       citation: each.source, coalPowerCitation: coal.source)
    }

    /// 四(二): red is signed by the commander; orange and yellow by the office director after a
    /// deputy commander agrees.
    static func signer(_ alert: AlertLevel, plan: PlanDocument, on day: CivilDate, in db: Database) throws -> Signer? {
        guard let bodyId = plan.bodyId else { return nil }
        let members = try RosterQueries.members(ofBodyId: bodyId, on: day.description, in: db)
        let citation = plan.number + " 四(二)"
        if alert == .red {
            return Signer(role: "指挥长", name: members.first { $0.roleCode == "commander" }?.name, afterAgreementOf: nil, citation: citation)
        }
        let director = try RosterQueries.bodies(in: db).first { $0.id == bodyId }?.officeDirector
        return Signer(role: "办公室主任", name: director,
                      afterAgreementOf: members.filter { $0.roleCode == "deputy-commander" }.map(\.name), citation: citation)
    }

    /// The measures of 五(三)4, level by level up to the one called for.
    static func measures(upTo response: String, in document: OfficialDocument) -> [Measure] {
        let order = ["III", "II", "I"]
        guard let last = order.firstIndex(of: response) else { return [] }
        var result: [Measure] = []
        document.walk { section, citation in
            guard citation.path.count == 5, citation.clause.hasPrefix("五(三)4(") else { return }
            guard let levelIndex = Int(citation.path[3].label).map({ $0 - 1 }), levelIndex <= last, levelIndex < order.count else { return }
            let heading = section.heading ?? ""
            let kind = heading.contains("强制性") ? "mandatory" : heading.contains("倡议性") ? "advisory" : "public"
            result.append(Measure(level: order[levelIndex], kind: kind, heading: heading,
                                  text: section.blocks.map(\.text).joined(separator: "\n"), citation: citation.description))
        }
        return result
    }
}

/// The heavy-pollution plan as imported: the document and the command it sets up.
struct PlanDocument {
    static let number = "周政办字〔2020〕39号"
    var number: String
    var document: OfficialDocument
    var bodyId: Int64?
    /// Which plan is followed, and why, when the district has several in force.
    var choice: String?

    /// The plan recognised by this module that was in force on the day (the latest signed before it).
    static func find(on day: CivilDate, in db: Database) throws -> PlanDocument? {
        let plans = try DocumentQueries.recognised(by: PollutionResponseModule.id, in: db)
            .filter { ($0.date.flatMap { CivilDate($0) } ?? day) <= day }
        guard let summary = plans.last, let found = try DocumentQueries.find(String(summary.id), in: db) else { return nil }
        let bodyId = try DocumentQueries.bodyIds(foundedBy: summary.id, in: db).first
        let choice = plans.count > 1
            ? "\(plans.count) plans of the district are in force (\(plans.map { $0.number ?? $0.title }.joined(separator: ", "))): following \(found.document.citationName), the latest signed on or before \(day)"
            : nil
        return PlanDocument(number: found.document.citationName, document: found.document, bodyId: bodyId, choice: choice)
    }
}

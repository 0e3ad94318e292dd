import Testing
import Foundation
@testable import GazetteText
import GazetteModel

@Test func dumpSeed() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seed/zhoucun-gazette-2020-09.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    let issue = try PlainTextGazette.parse(text, file: "seed")
    func dump(_ s: [Section], _ indent: String) {
        for x in s {
            print(indent + "[\(x.number?.printed ?? "-")] \(x.role?.rawValue ?? "") H=\(x.heading ?? "")")
            for b in x.blocks {
                switch b {
                case .paragraph(let p): print(indent + "  P: " + String(p.text.prefix(50)))
                case .roster(let r): for e in r.entries { print(indent + "  R: \(e.role) | \(e.name) | \(e.affiliation)") }
                }
            }
            dump(x.children, indent + "  ")
        }
    }
    print("ISSUE", issue.title ?? "-", issue.year ?? 0, issue.number ?? 0, issue.contents)
    for d in issue.documents {
        print("DOC", d.number ?? "-", d.issuer ?? "-", d.title, d.date ?? "-", d.scope ?? "-", d.name, "addr=", d.addressees ?? "-", "replaces", d.replaces)
        dump(d.body, "  ")
        for a in d.attachments { print("  ATT", a.label, a.title); dump(a.body, "    ") }
    }
}

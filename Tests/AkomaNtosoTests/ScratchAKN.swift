import Testing
import Foundation
@testable import AkomaNtoso
import GazetteText
import GazetteModel

@Test func writeSeed() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seed/zhoucun-gazette-2020-09.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    let issue = try PlainTextGazette.parse(text, file: "seed")
    let xml = AkomaNtosoWriter().gazette(issue)
    try xml.write(toFile: "/tmp/seed.xml", atomically: true, encoding: .utf8)
    let errors = try AkomaNtosoSchema.validate(bytes: Array(xml.utf8), file: "seed.xml")
    for e in errors.prefix(20) { print(e) }
    let (back, report) = try AkomaNtosoReader().read(bytes: Array(xml.utf8), file: "seed.xml")
    print("dangling", report.danglingReferences.prefix(5))
    print("same", back.documents == issue.documents, back.contents == issue.contents, back.year ?? 0, back.number ?? 0)
    for (a, b) in zip(back.documents, issue.documents) where a != b {
        print("DIFF", a.number ?? "", a.title == b.title, a.body == b.body, a.attachments == b.attachments, a.issuer == b.issuer, a.date == b.date, a.scope == b.scope, a.addressees == b.addressees, a.name == b.name, a.type == b.type)
        func cmp(_ x: [Section], _ y: [Section]) {
            for (p, q) in zip(x, y) where p != q {
                if p.blocks != q.blocks { print("A", p.blocks); print("B", q.blocks); return }
                if p.children.count != q.children.count || p.heading != q.heading || p.number != q.number { print("HDR", p.heading ?? "", q.heading ?? ""); return }
                cmp(p.children, q.children); return
            }
        }
        cmp(a.body, b.body)
    }
}

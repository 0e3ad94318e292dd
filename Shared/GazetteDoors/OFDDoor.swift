import Foundation
import GazetteModel
import GazetteText

/// An electronic 公文 as OFD (GB/T 33190-2016): `OFD.xml` → `DocRoot` → the pages in the order
/// the document lists them, each page's text objects placed by their boundary, `TextCode` X/Y,
/// `DeltaX` (with its `g N v` shorthand) and CTM. Reading order comes from the geometry, never
/// from the XML order. Template pages (running heads) are left out; `DocInfo` and its
/// `CustomDatas` (发文字号, 成文日期, 发文机关) are the metadata. Elements are matched by local
/// name, so any namespace prefix, or a foreign namespace, reads the same.
public enum OFDDoor {
    public static func read(_ bytes: [UInt8], file: String) throws -> DoorReading {
        var package = try ZipPackage(bytes, file: file)
        guard let root = package.paths.first(where: { ZipPackage.normal($0).caseInsensitiveCompare("OFD.xml") == .orderedSame }) else {
            throw DoorError(file: file, message: "a zip archive without OFD.xml: neither OFD nor DOCX")
        }
        let ofd = try XMLNode.parse(try package.bytes(root), file: file, part: root)
        guard let body = ofd.child("DocBody"), let docRoot = body.child("DocRoot")?.text.trimmingCharacters(in: .whitespacesAndNewlines),
              !docRoot.isEmpty else {
            throw DoorError(file: file, part: root, message: "no DocBody/DocRoot: the package names no document")
        }
        let documentPath = try package.resolve(docRoot, from: root)
        let document = try XMLNode.parse(try package.bytes(documentPath), file: file, part: documentPath)
        let defaultBox = box(document.child("CommonData")?.child("PageArea")?.child("PhysicalBox")?.text)

        var pages: [LaidOutPage] = []
        for (index, page) in (document.child("Pages")?.children("Page") ?? []).enumerated() {
            guard let location = page["BaseLoc"] else { continue }
            let path = try package.resolve(location, from: documentPath)
            let content = try XMLNode.parse(try package.bytes(path), file: file, part: path)
            let stated = box(content.child("Area")?.child("PhysicalBox")?.text) ?? defaultBox
            var runs: [TextRun] = []
            do {
                runs = try content.descendants("TextObject").flatMap(textRuns)
            } catch let error as OFDValueError {
                throw DoorError(file: file, part: path, message: error.message)
            }
            // Some writers place the text outside the box they state: the page is what holds it.
            let width = max(stated?.width ?? 0, runs.map(\.right).max() ?? 0)
            let height = max(stated?.height ?? 0, runs.map(\.bottom).max() ?? 0)
            pages.append(LaidOutPage(number: index + 1, width: width, height: height, runs: runs))
        }
        guard !pages.isEmpty else { throw DoorError(file: file, part: documentPath, message: "the document has no pages") }
        return DoorReading(document: LaidOutDocument(content: .pages(pages), metadata: metadata(body.child("DocInfo"))))
    }

    struct OFDValueError: Error { var message: String }

    static func box(_ text: String?) -> (width: Double, height: Double)? {
        guard let numbers = text.map(numbers), numbers.count == 4 else { return nil }
        return (numbers[2], numbers[3])
    }

    static func numbers(_ text: String) -> [Double] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).compactMap { Double($0) }
    }

    /// The runs of one text object: one per `TextCode`, placed on the page.
    static func textRuns(_ object: XMLNode) throws -> [TextRun] {
        let boundary = numbers(object["Boundary"] ?? "")
        guard boundary.count == 4 else { throw OFDValueError(message: "a TextObject \(object["ID"].map { "(ID \($0)) " } ?? "")has no Boundary") }
        let size = Double(object["Size"] ?? object["size"] ?? "") ?? boundary[3]
        let ctm = numbers(object["CTM"] ?? "")
        let transform: (Double, Double) -> (Double, Double) = ctm.count == 6
            ? { x, y in (ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]) }
            : { x, y in (x, y) }
        let scale = ctm.count == 6 ? sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) : 1
        let colour = numbers(object.child("FillColor").map { $0["Value"] ?? $0.child("Value")?.text ?? "" } ?? "")
        let isRed = colour.count >= 3 && colour[0] > 160 && colour[1] < 90 && colour[2] < 90
        var runs: [TextRun] = []
        var lastY = size
        for code in object.children("TextCode") {
            let text = code.text
            guard !text.isEmpty else { continue }
            let x = Double(code["X"] ?? "") ?? 0
            let y = Double(code["Y"] ?? "") ?? lastY
            lastY = y
            let advances = deltas(code["DeltaX"] ?? "")
            let characters = Array(text)
            let last = characters.last.map { $0.isASCII ? size * 0.5 : size } ?? size
            let width = advances.prefix(max(0, characters.count - 1)).reduce(0, +) + last
            let (startX, baseline) = transform(x, y)
            let (endX, _) = transform(x + width, y)
            let height = size * scale
            runs.append(TextRun(text: text, x: boundary[0] + startX, top: boundary[1] + baseline - height,
                                width: max(0, endX - startX), height: height, isRed: isRed))
        }
        return runs
    }

    /// `DeltaX` values with the `g N v` shorthand (N advances of v) expanded.
    static func deltas(_ text: String) -> [Double] {
        var result: [Double] = []
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })[...]
        while let token = tokens.popFirst() {
            if token == "g", let count = tokens.popFirst().flatMap({ Int($0) }), let value = tokens.popFirst().flatMap({ Double($0) }) {
                result += Array(repeating: value, count: min(max(count, 0), 100_000))
            } else if let value = Double(token) {
                result.append(value)
            }
        }
        return result
    }

    /// `DocInfo`: the title, and the 公文 fields the `CustomDatas` name.
    static func metadata(_ info: XMLNode?) -> [(label: String, value: String)] {
        guard let info else { return [] }
        var fields: [(label: String, value: String)] = []
        for data in info.child("CustomDatas")?.children("CustomData") ?? [] {
            guard let name = data["Name"].map(Normalize.label), !data.text.isEmpty else { continue }
            if ["发文字号", "文号", "成文日期", "发文机关", "标题", "签发日期"].contains(name) { fields.append((name, data.text)) }
        }
        if let title = info.child("Title")?.text, !title.isEmpty, !fields.contains(where: { $0.label == "标题" }) {
            fields.append(("标题", title))
        }
        return fields
    }
}

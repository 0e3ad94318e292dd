import Foundation
import GazetteModel
import GazetteText

/// An electronic 公文 as OFD (GB/T 33190-2016): `OFD.xml` → `DocRoot` → the pages in the order
/// the document lists them, each page's text objects placed by their boundary, `TextCode` X/Y,
/// `DeltaX` (with its `g N v` shorthand) and CTM. Reading order comes from the geometry, never
/// from the XML order. Template pages (running heads) are left out; `DocInfo` and its
/// `CustomDatas` (发文字号, 成文日期, 发文机关), and the 公文 elements the `CustomTags` mark, are
/// the metadata. Elements are matched by local
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
        var objects: [String: String] = [:]
        for (index, page) in (document.child("Pages")?.children("Page") ?? []).enumerated() {
            guard let location = page["BaseLoc"] else { continue }
            let path = try package.resolve(location, from: documentPath)
            let content = try XMLNode.parse(try package.bytes(path), file: file, part: path)
            let stated = box(content.child("Area")?.child("PhysicalBox")?.text) ?? defaultBox
            var runs: [TextRun] = []
            do {
                for object in content.descendants("TextObject") {
                    let objectRuns = try textRuns(object)
                    if let id = object["ID"] { objects[id] = objectRuns.map(\.text).joined() }
                    runs += objectRuns
                }
            } catch let error as OFDValueError {
                throw DoorError(file: file, part: path, message: error.message)
            }
            // Some writers place the text outside the box they state: the page is what holds it.
            let width = max(stated?.width ?? 0, runs.map(\.right).max() ?? 0)
            let height = max(stated?.height ?? 0, runs.map(\.bottom).max() ?? 0)
            pages.append(LaidOutPage(number: index + 1, width: width, height: height, runs: runs))
        }
        guard !pages.isEmpty else { throw DoorError(file: file, part: documentPath, message: "the document has no pages") }
        // The CustomDatas first, then what the tags mark, then the DocInfo title (often the file's name).
        let info = body.child("DocInfo")
        var fields = customData(info)
        for (label, value) in try taggedElements(document, at: documentPath, in: &package, objects: objects)
        where !fields.contains(where: { $0.label == label }) {
            fields.append((label, value))
        }
        if let title = info?.child("Title")?.text, !title.isEmpty, !fields.contains(where: { $0.label == "标题" }) {
            fields.append(("标题", title))
        }
        return DoorReading(document: LaidOutDocument(content: .pages(pages), metadata: fields))
    }

    /// The 公文 elements a document's `CustomTags` mark (GB/T 33476.2): each tag names the text
    /// objects that print it. Tags are metadata like the `CustomDatas`; the geometry reads the rest.
    static let taggedLabels = ["发文字号": "发文字号", "标题": "标题", "成文日期": "成文日期", "发文机关署名": "发文机关"]

    static func taggedElements(_ document: XMLNode, at documentPath: String, in package: inout ZipPackage,
                               objects: [String: String]) throws -> [(label: String, value: String)] {
        guard let location = document.child("CustomTags")?.text.trimmingCharacters(in: .whitespacesAndNewlines), !location.isEmpty else { return [] }
        let tagsPath = try package.resolve(location, from: documentPath)
        guard package.entry(tagsPath) != nil else { return [] }
        var fields: [(label: String, value: String)] = []
        for tag in try XMLNode.parse(try package.bytes(tagsPath), file: package.file, part: tagsPath).children("CustomTag") {
            guard let file = tag.child("FileLoc")?.text.trimmingCharacters(in: .whitespacesAndNewlines), !file.isEmpty else { continue }
            let path = try package.resolve(file, from: tagsPath)
            guard package.entry(path) != nil else { continue }
            let tree = try XMLNode.parse(try package.bytes(path), file: package.file, part: path)
            for (element, label) in taggedLabels {
                guard let node = tree.descendants(element).first else { continue }
                let text = node.descendants("ObjectRef").compactMap { objects[$0.text.trimmingCharacters(in: .whitespaces)] }.joined()
                if !text.isEmpty { fields.append((label, text)) }
            }
        }
        return fields.sorted { $0.label < $1.label }
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
        let isRed = colour.count >= 3 && TextRun.isRed(red: colour[0], green: colour[1], blue: colour[2])
        var runs: [TextRun] = []
        var lastY = size
        for code in object.children("TextCode") {
            let text = code.text
            guard !text.isEmpty else { continue }
            let x = Double(code["X"] ?? "") ?? 0
            let y = Double(code["Y"] ?? "") ?? lastY
            lastY = y
            let characters = Array(text)
            let advances = deltas(code["DeltaX"] ?? "", count: characters.count)
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

    /// `DeltaX` values with the `g N v` shorthand (N advances of v) expanded, as many as a text of
    /// `count` characters uses.
    static func deltas(_ text: String, count: Int = .max) -> [Double] {
        var result: [Double] = []
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })[...]
        while result.count < count, let token = tokens.popFirst() {
            if token == "g", let times = tokens.popFirst().flatMap({ Int($0) }), let value = tokens.popFirst().flatMap({ Double($0) }) {
                result += Array(repeating: value, count: min(max(times, 0), count - result.count))
            } else if let value = Double(token) {
                result.append(value)
            }
        }
        return result
    }

    /// The 公文 fields the `DocInfo`'s `CustomDatas` name.
    static func customData(_ info: XMLNode?) -> [(label: String, value: String)] {
        (info?.child("CustomDatas")?.children("CustomData") ?? []).compactMap { data in
            guard let name = data["Name"].map(Normalize.label), !data.text.isEmpty,
                  ["发文字号", "文号", "成文日期", "发文机关", "标题", "签发日期"].contains(name) else { return nil }
            return (name, data.text)
        }
    }
}

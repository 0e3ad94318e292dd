import GazetteText
import PDFCore

/// A PDF, as offices keep the gazette: poppler's glyphs with their boxes, laid out by the reader
/// (lines, columns, running headers and page numbers are found from the geometry).
public enum PDFDoor {
    public static func read(_ bytes: [UInt8], file: String) throws -> DoorReading {
        let pdf: (info: PDFInfo, pages: [PDFPage])
        do {
            pdf = try PDFGlyphReader.read(bytes)
        } catch let error as PDFReadError {
            throw DoorError(file: file, part: error.page.map { "page \($0)" }, message: error.message)
        }
        let blank = pdf.pages.filter { $0.glyphs.isEmpty }.map(\.number)
        guard blank.count < pdf.pages.count else {
            let pages = pdf.pages.count == 1 ? "its one page has no" : "none of its \(pdf.pages.count) pages has a"
            throw DoorError(file: file, message: "\(pages) text layer: scanned pages are not read; OCR them first")
        }
        let warnings = blank.map { "\(file): page \($0) has no text layer; scanned pages are not read" }
        let pages = pdf.pages.map { page in
            LaidOutPage(number: page.number, width: page.width, height: page.height, runs: page.glyphs.map { glyph in
                // poppler stretches a glyph's box to the next glyph of the same word, and may take the
                // two columns of a row for one word: no glyph is wider than its em.
                TextRun(text: String(glyph.character), x: glyph.x0, top: glyph.y0,
                        width: min(glyph.x1 - glyph.x0, 1.05 * max(glyph.y1 - glyph.y0, glyph.fontSize)),
                        height: glyph.y1 - glyph.y0, isRed: TextRun.isRed(red: Double(glyph.red), green: Double(glyph.green), blue: Double(glyph.blue)))
            })
        }
        return DoorReading(document: LaidOutDocument(content: .pages(pages)), warnings: warnings)
    }
}

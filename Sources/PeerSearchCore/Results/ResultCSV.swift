import CSV
import Foundation

/// Search results as CSV (RFC 4180, through yaslab/CSV.swift's writer), for the CLI's
/// `--format csv` and the HTTP API's `format=csv`: a header row, then one row per passage,
/// `path,title,author,date,page,line,text,match`, so a writer can cite each passage; a hit
/// without passages gives one row with an empty text. Absent metadata and pages are empty.
public enum ResultCSV {
    public static let columns = ["path", "title", "author", "date", "page", "line", "text", "match"]

    public static func document(_ result: SearchResult) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, delimiter: ",", newline: .crlf)
        try writer.write(row: columns)
        for hit in result.hits {
            let article = [hit.path, hit.title, hit.author ?? "", hit.date ?? ""]
            if hit.passages.isEmpty {
                try writer.write(row: article + ["", "", "", hit.match.rawValue])
            }
            for passage in hit.passages {
                try writer.write(row: article + [passage.page.map(String.init) ?? "", String(passage.line), passage.text, hit.match.rawValue])
            }
        }
        writer.stream.close()
        var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(contentsOf: Array("\r\n".utf8))
        return data
    }
}

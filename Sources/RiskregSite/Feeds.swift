import Foundation
import RiskregModel
import RiskregReport

/// The Atom feed of drills and the sitemap.
package enum Feeds {
    package static func absolute(_ path: String, options: SiteOptions) -> String {
        guard var base = options.baseURL, !base.isEmpty else { return path }
        if !base.hasSuffix("/") { base += "/" }
        return base + path
    }

    package static func atom(snapshot: RegisterSnapshot, options: SiteOptions) -> String {
        let drills = snapshot.drills.sorted { ($0.drill.date ?? "", $0.key) > ($1.drill.date ?? "", $1.key) }
        let updated = (drills.compactMap(\.drill.date).max() ?? "1970-01-01") + "T00:00:00Z"
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(HTMLText.escape(options.siteTitle)) — drills</title>\n"
        xml += "  <id>\(HTMLText.escape(absolute("feed.xml", options: options)))</id>\n"
        xml += "  <link rel=\"self\" href=\"\(HTMLText.escape(absolute("feed.xml", options: options)))\"/>\n"
        xml += "  <link href=\"\(HTMLText.escape(absolute("index.html", options: options)))\"/>\n"
        xml += "  <updated>\(updated)</updated>\n  <author><name>riskreg</name></author>\n"
        for record in drills.prefix(50) {
            let drill = record.drill
            let link = absolute("drills/\(drill.id).html", options: options)
            xml += "  <entry>\n"
            xml += "    <title>\(drill.number.map { "Drill \(TextFormat.drillNumber($0))" } ?? drill.kind.label) (\(drill.status.rawValue)): \(HTMLText.escape(drill.title))</title>\n"
            xml += "    <id>urn:riskreg:drill:\(drill.id)</id>\n"
            xml += "    <link href=\"\(HTMLText.escape(link))\"/>\n"
            xml += "    <updated>\(drill.date ?? "1970-01-01")T00:00:00Z</updated>\n"
            xml += "    <summary>\(HTMLText.escape(String(drill.summary.prefix(400))))</summary>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    package static func sitemap(snapshot: RegisterSnapshot, options: SiteOptions, reportWeeks: [String]) -> String {
        var paths = ["index.html", "risks/index.html", "drills/index.html", "items.html"]
        paths += snapshot.risks.map { "risks/\($0.risk.id).html" }
        paths += snapshot.drills.map { "drills/\($0.drill.id).html" }
        if !reportWeeks.isEmpty { paths += ["reports/index.html"] + reportWeeks.map { "reports/\($0).html" } }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(HTMLText.escape(absolute(path, options: options)))</loc></url>\n" }
        return xml + "</urlset>\n"
    }
}
